package io.tasvie.common.testing;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs reactive service code from a test the way the services run it: on a fresh duplicated Vert.x
 * context (where Hibernate Reactive keeps its session), waiting for the result.
 */
public final class OnVertx {

  private OnVertx() {}

  public static <T> T await(Vertx vertx, Supplier<Uni<T>> work) throws Exception {
    Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
    VertxContextSafetyToggle.setContextSafe(context, true);
    CompletableFuture<T> result = new CompletableFuture<>();
    context.runOnContext(
        v -> work.get().subscribe().with(result::complete, result::completeExceptionally));
    return result.get(30, TimeUnit.SECONDS);
  }
}
