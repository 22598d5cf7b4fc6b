package org.careid.threat;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.time.Duration;
import java.util.Map;

/**
 * Reads {@link ThreatConfig} outside a running Quarkus application (the evaluation command, plain
 * unit tests) from the same application.properties the server uses, plus overrides.
 */
public final class ThreatConfigLoader {
    private ThreatConfigLoader() {}

    public static ThreatConfig load(Map<String, String> overrides) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(ThreatConfig.class)
                .withMappingIgnore("careid.threat.**")
                .withSources(new PropertiesConfigSource(overrides, "overrides", 400));
        URL properties = ThreatConfigLoader.class.getClassLoader().getResource("application.properties");
        if (properties != null) {
            try {
                builder.withSources(new PropertiesConfigSource(properties, 250));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Map<String, String> system = new java.util.HashMap<>();
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("careid.threat."))
                .forEach(k -> system.put(k, System.getProperty(k)));
        builder.withSources(new PropertiesConfigSource(system, "system-properties", 300));
        SmallRyeConfig config = builder.build();
        return config.getConfigMapping(ThreatConfig.class);
    }
}
