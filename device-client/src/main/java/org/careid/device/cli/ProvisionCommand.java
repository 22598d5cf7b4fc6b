package org.careid.device.cli;

import com.nimbusds.jose.jwk.ECKey;
import org.careid.device.CareIdException;
import org.careid.device.DeviceKeyStore;
import org.careid.device.Failure;
import org.careid.device.ProvisionResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.util.UUID;

@Command(name = "provision", mixinStandardHelpOptions = true,
        description = {
                "Generates the device's P-256 key pair into the key store (owner-only) and registers its public key "
                        + "with the one-time code an administrator issued for this device record.",
                "An existing key store of the same device is reused, so a refused code can be retried with a new one."})
final class ProvisionCommand extends DeviceCommand {

    @Option(names = "--code", required = true, paramLabel = "CODE", description = "The one-time provisioning code.")
    String code;

    @Option(names = "--replace-key", description = "Generate a new key pair even if the key store already holds one.")
    boolean replaceKey;

    @Override
    public Integer call() throws Exception {
        DeviceContext context = context();
        String deviceId = context.deviceIdOption().orElseThrow(() -> new CareIdException(Failure.BAD_INPUT,
                "provision needs --device-id: the id of the device record the administrator created"));
        requireUuid(deviceId);
        context.server();
        ECKey key;
        boolean saveAfterwards = false;
        if (context.externalKeyStore()) {
            if (replaceKey) {
                throw new CareIdException(Failure.BAD_INPUT, "--replace-key works on JWK key stores only: make a new key "
                        + "with the PKCS#12 or PKCS#11 store's own tools");
            }
            key = context.deviceKey();
            if (!deviceId.equals(key.getKeyID())) {
                throw new CareIdException(Failure.BAD_INPUT, "The key store's entry is " + key.getKeyID()
                        + ", not the device id " + deviceId + ": name the entry after the device id");
            }
            context.err().println("Using the device's key " + key.getKeyID() + " of the external key store");
        } else if (Files.exists(context.keyStore()) && !replaceKey) {
            key = DeviceKeyStore.load(context.keyStore());
            if (!deviceId.equals(key.getKeyID())) {
                throw new CareIdException(Failure.BAD_INPUT, "Key store " + context.keyStore() + " belongs to device "
                        + key.getKeyID() + "; use another --key-store or --replace-key");
            }
            context.err().println("Using the existing key in " + context.keyStore());
        } else if (Files.exists(context.keyStore())) {
            // Keep the old key until the server accepted the new one: a refused code must not cost the device its key.
            key = DeviceKeyStore.generate(deviceId);
            saveAfterwards = true;
        } else {
            key = DeviceKeyStore.generateInto(context.keyStore(), deviceId);
            context.err().println("Generated a P-256 key pair in " + context.keyStore() + " (rw-------)");
        }
        ProvisionResult result = context.provisioningClient(key, deviceId).provision(code);
        if (saveAfterwards) {
            DeviceKeyStore.save(key, context.keyStore());
            context.err().println("Replaced the key pair in " + context.keyStore() + " (rw-------)");
        }
        // Tokens bound to an earlier key of this device are useless now.
        TokenFile.delete(context.tokenFile());
        context.out().println("Provisioned device " + (result.deviceId() != null ? result.deviceId() : deviceId));
        context.out().println("Key thumbprint (jkt): " + DeviceKeyStore.thumbprint(key));
        return ExitCodes.OK;
    }

    private static void requireUuid(String deviceId) {
        try {
            UUID.fromString(deviceId);
        } catch (IllegalArgumentException e) {
            throw new CareIdException(Failure.BAD_INPUT, "--device-id must be a UUID, not " + deviceId);
        }
    }
}
