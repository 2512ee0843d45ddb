package org.oaiconformance.contract.secrets;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The environment every child process starts with: an allow-list, never the suite's own environment. Inherited
 * whole, a child would get the API and management keys (npm's and pip's install scripts could read them), and a
 * developer's {@code OPENAI_BASE_URL}, {@code OPENAI_ORG_ID} or {@code OPENAI_PROJECT_ID} would silently change what
 * the Node and Python SDKs send. A driver gets what finds the runtime and trusts TLS; an install also gets the proxy
 * and registry settings it needs to download.
 */
public final class ChildEnvironment {
    /** Finding the runtime (PATH; pyenv's shims need HOME or PYENV_ROOT), locale, and the machine's TLS trust. */
    private static final Set<String> RUNTIME = Set.of("PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR",
            "PYENV_ROOT", "PYENV_VERSION", "SSL_CERT_FILE", "SSL_CERT_DIR", "NODE_EXTRA_CA_CERTS", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE");
    /** Reaching the package registry: proxies, and npm's and pip's own settings. */
    private static final Set<String> REGISTRY = Set.of("HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy");
    private static final List<String> REGISTRY_PREFIXES = List.of("PIP_", "npm_config_", "NPM_CONFIG_");

    private ChildEnvironment() {
    }

    /** A process that talks to the target (an SDK driver, curl), or a tool of the suite's own (Allure). */
    public static ProcessBuilder forDriver(List<String> command) {
        return keep(new ProcessBuilder(command), false);
    }

    /** A process that installs a pinned SDK from its registry. */
    public static ProcessBuilder forInstall(List<String> command) {
        return keep(new ProcessBuilder(command), true);
    }

    /** Narrows the builder's environment (a copy of this JVM's) to the allow-list. */
    public static ProcessBuilder keep(ProcessBuilder builder, boolean install) {
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> !(RUNTIME.contains(name) || install && (REGISTRY.contains(name)
                || REGISTRY_PREFIXES.stream().anyMatch(name::startsWith))));
        return builder;
    }
}
