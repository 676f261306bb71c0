package io.maskgate.smpp.tls;

import io.maskgate.keystore.tls.TlsMaterial;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * SMPP over TLS with plain JDK sockets, which is what jsmpp reads and writes (its own
 * SSL(Server)SocketConnectionFactory only knows the JVM's default context and cannot bind an
 * address). TLS 1.2/1.3 only ({@link TlsMaterial#PROTOCOLS}).
 */
public final class SmppTls {

    private SmppTls() {
    }

    /**
     * A TLS listening socket on {@code address}.
     *
     * @param requireClientCertificate ESMEs must present a certificate chaining to the material's trusted CAs
     */
    public static ServerSocket listen(TlsMaterial material, InetSocketAddress address, boolean requireClientCertificate)
            throws IOException {
        SSLServerSocket socket = (SSLServerSocket) material.sslContext().getServerSocketFactory().createServerSocket();
        socket.setEnabledProtocols(TlsMaterial.PROTOCOLS.toArray(String[]::new));
        socket.setNeedClientAuth(requireClientCertificate);
        socket.setReuseAddress(true);
        socket.bind(address);
        return socket;
    }

    /**
     * Connects to an upstream SMSC and completes the handshake within {@code timeoutMillis}. The
     * SMSC's certificate must chain to the trusted CAs and name {@code host} (HTTPS-style endpoint
     * identification: an IP in conf must be in the certificate's subjectAltName).
     */
    public static Socket connect(TlsMaterial material, String host, int port, int timeoutMillis) throws IOException {
        SSLSocket socket = (SSLSocket) material.sslContext().getSocketFactory().createSocket();
        try {
            SSLParameters p = socket.getSSLParameters();
            p.setProtocols(TlsMaterial.PROTOCOLS.toArray(String[]::new));
            p.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(p);
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            socket.startHandshake();
            socket.setSoTimeout(0);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Finishes the server side of a handshake on an accepted socket within {@code timeoutMillis}; plain sockets pass. */
    public static void handshake(Socket accepted, int timeoutMillis) throws IOException {
        if (accepted instanceof SSLSocket tls) {
            int before = tls.getSoTimeout();
            tls.setSoTimeout(timeoutMillis);
            tls.startHandshake();
            tls.setSoTimeout(before);
        }
    }
}
