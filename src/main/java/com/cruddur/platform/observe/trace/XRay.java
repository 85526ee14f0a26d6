package com.cruddur.platform.observe.trace;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.contexts.LambdaSegmentContext;
import com.amazonaws.xray.contexts.SegmentContextResolverChain;
import com.amazonaws.xray.contexts.ThreadLocalSegmentContext;
import com.amazonaws.xray.emitters.Emitter;
import com.amazonaws.xray.entities.Entity;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import com.amazonaws.xray.strategy.LogErrorContextMissingStrategy;
import com.amazonaws.xray.strategy.sampling.AllSamplingStrategy;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The X-Ray recorders, one per way the application runs; each application builds its own once (a
 * bean). They are separate instances (not the SDK's global recorder) so the Lambda mode and the
 * local server can even share a JVM, as they do in the tests.
 *
 * <p>Both send UDP datagrams to {@code AWS_XRAY_DAEMON_ADDRESS} (Lambda sets it; default
 * 127.0.0.1:2000). Sending is fire-and-forget and every X-Ray call is guarded: a missing,
 * unreachable or unresolvable daemon never fails or slows a request.
 */
public final class XRay {

  private static final Logger log = LoggerFactory.getLogger(XRay.class);
  private static final AtomicBoolean FAILURE_LOGGED = new AtomicBoolean();

  private XRay() {}

  /**
   * Inside Lambda: the function segment is Lambda's, read from the trace header the runtime sets
   * per invocation; this recorder only makes subsegments. The sampling decision is the header's, so
   * no sampling rules are polled.
   */
  public static AWSXRayRecorder lambdaRecorder() {
    SegmentContextResolverChain lambdaContext = new SegmentContextResolverChain();
    lambdaContext.addResolver(LambdaSegmentContext::new);
    return base().withSegmentContextResolverChain(lambdaContext).build();
  }

  /**
   * The local server: one segment per request (the servlet filter), every request sampled so a
   * developer sees each one in a local daemon.
   */
  public static AWSXRayRecorder localRecorder() {
    SegmentContextResolverChain threadLocal = new SegmentContextResolverChain();
    threadLocal.addResolver(ThreadLocalSegmentContext::new);
    return base().withSegmentContextResolverChain(threadLocal).build();
  }

  private static AWSXRayRecorderBuilder base() {
    return AWSXRayRecorderBuilder.standard()
        .withEmitter(SafeEmitter.guarded())
        .withSamplingStrategy(new AllSamplingStrategy())
        // A call outside any request (e.g. during init) logs and carries on; it never throws.
        .withContextMissingStrategy(new LogErrorContextMissingStrategy());
  }

  /**
   * Records an exception as the classifier says: a client error marks an error, a throttle also a
   * throttle.
   */
  static void recordException(Entity entity, Throwable e, FailureKind kind) {
    if (entity == null) {
      return;
    }
    entity.addException(e); // marks fault
    if (kind.clientError()) {
      entity.setFault(false);
      entity.setError(true);
    }
    if (kind.throttle()) {
      entity.setThrottle(true);
    }
  }

  /**
   * Runs an X-Ray call; if it throws, logs once and carries on. Telemetry must never fail a
   * request.
   */
  static void quietly(Runnable call) {
    quietly(
        () -> {
          call.run();
          return null;
        },
        null);
  }

  static <T> T quietly(Supplier<T> call, T fallback) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      if (FAILURE_LOGGED.compareAndSet(false, true)) {
        log.warn(
            "X-Ray call failed; tracing carries on without it (logged once): {}", e.toString());
      }
      return fallback;
    }
  }

  /**
   * The SDK's UDP emitter behind a guard: no exception from sending (or from building it) ever
   * escapes.
   */
  static final class SafeEmitter extends Emitter {

    private final Emitter delegate;

    private SafeEmitter(Emitter delegate) {
      this.delegate = delegate;
    }

    static Emitter guarded() {
      try {
        return new SafeEmitter(Emitter.create());
      } catch (Exception e) {
        log.warn(
            "X-Ray disabled: cannot create the UDP emitter for the daemon address in {} ({})",
            "AWS_XRAY_DAEMON_ADDRESS",
            e.toString());
        return new SafeEmitter(null);
      }
    }

    @Override
    public boolean sendSegment(Segment segment) {
      return delegate != null && quietly(() -> delegate.sendSegment(segment), false);
    }

    @Override
    public boolean sendSubsegment(Subsegment subsegment) {
      return delegate != null && quietly(() -> delegate.sendSubsegment(subsegment), false);
    }
  }
}
