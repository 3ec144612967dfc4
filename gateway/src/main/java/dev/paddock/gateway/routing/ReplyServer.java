package dev.paddock.gateway.routing;

import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** The gRPC server that hosts the reply service on its own port. */
final class ReplyServer implements AutoCloseable {

    private final Server server;

    private ReplyServer(Server server) {
        this.server = server;
    }

    static ReplyServer start(RoutingConfig config, ReplyRouter router, ServerInterceptor tracing)
            throws IOException {
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress(config.grpcHost(), config.grpcPort()))
                .addService(ServerInterceptors.intercept(router, tracing)).build().start();
        return new ReplyServer(server);
    }

    int port() {
        return server.getPort();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdown();
        if (!server.awaitTermination(2, TimeUnit.SECONDS)) {
            server.shutdownNow();
        }
    }
}
