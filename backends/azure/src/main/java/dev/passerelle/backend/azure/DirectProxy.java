package dev.passerelle.backend.azure;

import com.azure.core.http.ProxyOptions;
import com.azure.core.util.Configuration;

import java.net.Authenticator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The proxy of {@link DirectBlobHttp}'s connections: the same one the SDK's HTTP clients use, read by
 * azure-core from the same configuration ({@code HTTPS_PROXY} / {@code HTTP_PROXY} with
 * {@code NO_PROXY}, or Java's {@code https.proxyHost}-style properties), so the direct calls and the
 * SDK's calls of one host leave through the same proxy (azure-core's rule: the {@code HTTP(S)_PROXY}
 * variables count when {@code java.net.useSystemProxies=true}). Credentials in the proxy's
 * configuration are sent up front to a proxy of an http host (a streamed PUT cannot be replayed
 * after a 407) and answered to the challenge of a CONNECT tunnel to an https host (where the JDK
 * refuses Basic unless {@code jdk.http.auth.tunneling.disabledSchemes} allows it: the SDK's JDK
 * client has the same limit).
 */
final class DirectProxy extends ProxySelector {
    private final Proxy proxy;
    private final Pattern nonProxyHosts;
    private final Authenticator authenticator;
    private final String basic;

    private DirectProxy(ProxyOptions options) {
        Proxy.Type type = options.getType() == ProxyOptions.Type.HTTP ? Proxy.Type.HTTP : Proxy.Type.SOCKS;
        this.proxy = new Proxy(type, options.getAddress());
        String non = options.getNonProxyHosts();
        this.nonProxyHosts = non == null || non.isEmpty() ? null : Pattern.compile(non, Pattern.CASE_INSENSITIVE);
        String user = options.getUsername();
        String password = options.getPassword();
        this.basic = user == null ? null : "Basic " + java.util.Base64.getEncoder().encodeToString(
                (user + ":" + (password == null ? "" : password)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        this.authenticator = user == null ? null : new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return getRequestorType() == RequestorType.PROXY ? new PasswordAuthentication(user, password == null ? new char[0]
                        : password.toCharArray()) : null;
            }
        };
    }

    /** @return the proxy of the process's configuration, or null when there is none */
    static DirectProxy fromEnvironment() {
        return from(Configuration.getGlobalConfiguration());
    }

    /** @return the proxy of that configuration, or null when it names none */
    static DirectProxy from(Configuration configuration) {
        ProxyOptions options = ProxyOptions.fromConfiguration(configuration, true);
        return options == null ? null : new DirectProxy(options);
    }

    /** @return what a connection to that URI goes through: the proxy, or {@link Proxy#NO_PROXY} for a NO_PROXY host */
    Proxy proxyFor(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return nonProxyHosts != null && nonProxyHosts.matcher(host).matches() ? Proxy.NO_PROXY : proxy;
    }

    @Override
    public List<Proxy> select(URI uri) {
        return List.of(proxyFor(uri));
    }

    @Override
    public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
        // one proxy, nothing to fall back to: the call fails and the retry layer decides
    }

    /** Gives a connection the proxy's credentials, when the configuration has some and the connection uses the proxy. */
    void authorize(java.net.HttpURLConnection c, java.net.URL url) {
        if (authenticator == null || proxyFor(URI.create(url.getProtocol() + "://" + url.getAuthority())) == Proxy.NO_PROXY) {
            return;
        }
        c.setAuthenticator(authenticator);
        if (url.getProtocol().equals("http")) {
            c.setRequestProperty("Proxy-Authorization", basic);
        }
    }

    /** @return the proxy's address (for messages and tests) */
    InetSocketAddress address() {
        return (InetSocketAddress) proxy.address();
    }
}
