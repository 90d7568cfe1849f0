package org.openauthz.authz.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Binds the TLS keys of the two ports. As in Hydra v1.10, each {@code serve.public.tls.*} and
 * {@code serve.admin.tls.*} key overrides the shared {@code serve.tls.*} key of the same name for that port only,
 * so the ports can serve different certificates or trust different proxies.
 */
final class TlsBinder {
    private final SettingsBinder binder;

    TlsBinder(SettingsBinder binder) {
        this.binder = binder;
    }

    ServerSettings.Tls bind(boolean publicEnabled, boolean adminEnabled) {
        List<CidrRange> shared = ranges(SettingKey.SERVE_TLS_ALLOW_TERMINATION_FROM);
        return new ServerSettings.Tls(
                port("public", publicEnabled, SettingKey.SERVE_PUBLIC_TLS_CERT_PATH,
                        SettingKey.SERVE_PUBLIC_TLS_CERT_BASE64, SettingKey.SERVE_PUBLIC_TLS_KEY_PATH,
                        SettingKey.SERVE_PUBLIC_TLS_KEY_BASE64, SettingKey.SERVE_PUBLIC_TLS_ALLOW_TERMINATION_FROM,
                        shared),
                port("admin", adminEnabled, SettingKey.SERVE_ADMIN_TLS_CERT_PATH,
                        SettingKey.SERVE_ADMIN_TLS_CERT_BASE64, SettingKey.SERVE_ADMIN_TLS_KEY_PATH,
                        SettingKey.SERVE_ADMIN_TLS_KEY_BASE64, SettingKey.SERVE_ADMIN_TLS_ALLOW_TERMINATION_FROM,
                        shared));
    }

    private ServerSettings.PortTls port(String name, boolean enabled, SettingKey certPath, SettingKey certBase64,
                                        SettingKey keyPath, SettingKey keyBase64, SettingKey terminationFrom,
                                        List<CidrRange> sharedTerminationFrom) {
        String cert = pem(certPath, certBase64, SettingKey.SERVE_TLS_CERT_PATH, SettingKey.SERVE_TLS_CERT_BASE64);
        String key = pem(keyPath, keyBase64, SettingKey.SERVE_TLS_KEY_PATH, SettingKey.SERVE_TLS_KEY_BASE64);
        if ((cert == null) != (key == null)) {
            binder.problem("TLS of the " + name + " port needs both a certificate and a key: set "
                    + certPath.envName() + " and " + keyPath.envName() + " (or SERVE_TLS_CERT_PATH and "
                    + "SERVE_TLS_KEY_PATH for both ports, or their _BASE64 forms), or neither for a generated "
                    + "self-signed certificate");
        }
        return new ServerSettings.PortTls(enabled, cert == null || key == null ? null
                : new ServerSettings.Pem(cert, key), binder.raw().list(terminationFrom).isEmpty()
                ? sharedTerminationFrom : ranges(terminationFrom));
    }

    /** The port's own key if it has one (path or base64), else the shared one. */
    private String pem(SettingKey path, SettingKey base64, SettingKey sharedPath, SettingKey sharedBase64) {
        boolean own = binder.raw().string(path).isPresent() || binder.raw().string(base64).isPresent();
        return own ? binder.pem(path, base64) : binder.pem(sharedPath, sharedBase64);
    }

    private List<CidrRange> ranges(SettingKey key) {
        List<CidrRange> ranges = new ArrayList<>();
        for (String text : binder.raw().list(key)) {
            try {
                ranges.add(CidrRange.parse(text));
            } catch (IllegalArgumentException e) {
                binder.problem(key.envName() + ": " + e.getMessage());
            }
        }
        return List.copyOf(ranges);
    }
}
