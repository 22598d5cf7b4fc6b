package org.careid.device.cli;

import org.careid.device.CareIdException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The bedside device's command-line program. Global options may be given before or after the
 * command name; each failure kind ends with its own exit code (see {@link ExitCodes}).
 */
@Command(name = "careid-device",
        mixinStandardHelpOptions = true,
        version = "careid-device-client 0.1.0-SNAPSHOT",
        description = "Proves this device's identity to a CareID server, authenticates clinicians at the device "
                + "and uses the device-bound token on protected resources.",
        subcommands = {
                ProvisionCommand.class,
                ReportVersionCommand.class,
                AuthenticateCommand.class,
                ChallengeCommand.class,
                VerifyCommand.class,
                ReadPatientCommand.class,
                UnlockCommand.class,
                RevokeCommand.class,
                FaceCheckCommand.class,
                EmergencyCommand.class,
                SessionCommand.class,
                CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success",
                "1:unexpected internal error",
                "2:bad input (arguments, files, request refused as malformed, unknown resource)",
                "3:server unreachable",
                "4:clock skew between device and server",
                "5:rate-limited (too many emergency accesses); a locked-out person or device gets 6",
                "6:authentication failed (no match, wrong PIN, locked out, provisioning code refused, "
                        + "device credentials refused: unknown, unprovisioned, suspended or retired device)",
                "7:a second factor is required",
                "8:token expired (or no saved token)",
                "9:token revoked or no longer active",
                "10:token invalid (signature, type, issuer, bound to another key)",
                "11:forbidden (scope, outdated device software, another device's resource, access not granted)",
                "12:refused as a replay or conflict",
                "13:server error",
                "14:face capture not usable (no face, several faces, too dark...): capture again"})
public final class DeviceCli implements Runnable {

    @Option(names = "--server", scope = ScopeType.INHERIT, paramLabel = "URL",
            defaultValue = "${env:CAREID_SERVER}",
            description = "Base URL of the CareID server, e.g. https://careid.hospital.example (env CAREID_SERVER).")
    URI server;

    @Option(names = "--key-store", scope = ScopeType.INHERIT, paramLabel = "FILE",
            defaultValue = "${env:CAREID_KEY_STORE:-${sys:user.home}/.careid/device-key.jwk}",
            description = "The device's key store: a JWK file, or a PKCS#12 file (.p12, .pfx; password from "
                    + "CAREID_KEY_STORE_PASSWORD), owner-only. The saved token and the JWKS cache "
                    + "live next to it. Default: ${DEFAULT-VALUE} (env CAREID_KEY_STORE).")
    Path keyStore;

    @Option(names = "--device-id", scope = ScopeType.INHERIT, paramLabel = "UUID",
            defaultValue = "${env:CAREID_DEVICE_ID}",
            description = "This device's id; defaults to the one recorded in the key store at provisioning (env CAREID_DEVICE_ID).")
    String deviceId;

    @Option(names = "--pkcs11-config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            defaultValue = "${env:CAREID_PKCS11_CONFIG}",
            description = "Use the device key on a PKCS#11 token (TPM, smart card, HSM): the SunPKCS11 configuration file "
                    + "(env CAREID_PKCS11_CONFIG); the token's PIN comes from CAREID_KEY_STORE_PASSWORD. --key-store then only "
                    + "names where the saved token and caches live.")
    Path pkcs11Config;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final InputStream stdin;
    private final Clock clock;

    public DeviceCli() {
        this(System.in, Clock.systemUTC());
    }

    DeviceCli(InputStream stdin, Clock clock) {
        this.stdin = stdin;
        this.clock = clock;
    }

    public static void main(String[] args) {
        System.exit(commandLine(new DeviceCli()).execute(args));
    }

    /** A configured command line: failures print one clear message on stderr and map to their exit code. */
    static CommandLine commandLine(DeviceCli cli) {
        CommandLine commandLine = new CommandLine(cli);
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            if (exception instanceof CareIdException failure) {
                cmd.getErr().println("Error: " + failure.getMessage());
                cmd.getErr().flush();
                return ExitCodes.of(failure.failure());
            }
            cmd.getErr().println("Unexpected error: " + exception);
            cmd.getErr().flush();
            return ExitCodes.INTERNAL_ERROR;
        });
        return commandLine;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: give one of "
                + String.join(", ", spec.subcommands().keySet()));
    }

    DeviceContext context(CommandLine.Model.CommandSpec commandSpec) {
        return new DeviceContext(server, keyStore, pkcs11Config, deviceId, clock, stdin,
                commandSpec.commandLine().getOut(), commandSpec.commandLine().getErr());
    }
}
