package org.openauthz.authz.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Configuration values by Hydra key, before typing: config files in order, then environment variables, which win
 * (as in Hydra v1.10, environment variables beat flags and files; docs/configuration.md). Values are strings or
 * lists of strings.
 */
public final class RawSettings {
    private final Map<String, Object> values;

    private RawSettings(Map<String, Object> values) {
        this.values = values;
    }

    public static RawSettings load(List<Path> files, Map<String, String> env) {
        Map<String, Object> values = new HashMap<>();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        for (Path file : files) {
            try {
                Object tree = yaml.readValue(Files.readAllBytes(file), Object.class);
                if (tree instanceof Map<?, ?> map) {
                    flatten("", map, values);
                } else if (tree != null) {
                    throw new InvalidConfigurationException(List.of(
                            "config file " + file + " must hold a YAML mapping of Hydra configuration keys"));
                }
            } catch (IOException e) {
                throw new InvalidConfigurationException(List.of(
                        "cannot read config file " + file + ": " + e.getMessage().lines().findFirst().orElse("")));
            }
        }
        for (SettingKey key : SettingKey.values()) {
            String fromEnv = env.get(key.envName());
            if (fromEnv != null) {
                values.put(key.key(), fromEnv);
            }
        }
        return new RawSettings(values);
    }

    public static RawSettings of(Map<String, Object> values) {
        return new RawSettings(new HashMap<>(values));
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, Object> into) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = prefix + entry.getKey();
            Object value = entry.getValue();
            if (value instanceof Map<?, ?> nested) {
                flatten(key + ".", nested, into);
            } else if (value instanceof List<?> list) {
                into.put(key, list.stream().map(String::valueOf).toList());
            } else if (value != null) {
                into.put(key, String.valueOf(value));
            }
        }
    }

    public Optional<String> string(SettingKey key) {
        Object value = values.get(key.key());
        if (value instanceof List<?> list) {
            return list.isEmpty() ? Optional.empty() : Optional.of(String.join(",", list.stream().map(String::valueOf).toList()));
        }
        if (value == null || value.toString().isBlank()) {
            return Optional.ofNullable(key.defaultValue());
        }
        return Optional.of(value.toString().trim());
    }

    /**
     * Lists come from YAML sequences, or from env as a JSON array, a comma-separated string or whitespace-separated
     * words, as Hydra accepts them.
     */
    public List<String> list(SettingKey key) {
        Object value = values.get(key.key());
        if (value == null) {
            return key.defaultValue() == null ? List.of() : splitWords(key.defaultValue());
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
        String text = value.toString().trim();
        if (text.startsWith("[")) {
            try {
                return Arrays.stream(new ObjectMapper().readValue(text, String[].class)).map(String::trim)
                        .filter(s -> !s.isEmpty()).toList();
            } catch (IOException e) {
                throw new InvalidConfigurationException(List.of(key.envName() + " is not a valid JSON array"));
            }
        }
        return splitWords(text);
    }

    private static List<String> splitWords(String text) {
        List<String> out = new ArrayList<>();
        for (String part : text.split(text.contains(",") ? "," : "\\s+")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }
}
