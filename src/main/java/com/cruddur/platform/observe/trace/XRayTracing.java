package com.cruddur.platform.observe.trace;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.entities.Entity;
import com.amazonaws.xray.entities.Subsegment;
import java.util.function.Function;

/**
 * {@link Tracing} as X-Ray subsegments of whatever is current: the Lambda function's segment
 * (through the request subsegment the Lambda edge opens) or the local server's per-request segment.
 * Never begins a segment itself, so it is safe inside Lambda, where the function segment belongs to
 * Lambda.
 */
public final class XRayTracing implements Tracing {

  private final AWSXRayRecorder recorder;
  private final FailureKind.Classifier classifier;

  public XRayTracing(AWSXRayRecorder recorder, FailureKind.Classifier classifier) {
    this.recorder = recorder;
    this.classifier = classifier;
  }

  @Override
  public <T> T span(String name, Function<Span, T> work) {
    Subsegment subsegment = XRay.quietly(() -> recorder.beginSubsegment(name), null);
    try {
      return work.apply(new XRaySpan(subsegment));
    } catch (RuntimeException e) {
      XRay.quietly(() -> XRay.recordException(subsegment, e, classifier.classify(e)));
      throw e;
    } finally {
      if (subsegment != null) {
        XRay.quietly(recorder::endSubsegment);
      }
    }
  }

  private record XRaySpan(Entity entity) implements Span {

    @Override
    public Span annotate(String key, Object value) {
      XRay.quietly(
          () -> {
            if (value instanceof Boolean b) {
              entity.putAnnotation(key, b);
            } else if (value instanceof Number n) {
              entity.putAnnotation(key, n);
            } else {
              entity.putAnnotation(key, String.valueOf(value));
            }
          });
      return this;
    }

    @Override
    public Span detail(String key, Object value) {
      XRay.quietly(() -> entity.putMetadata(NAMESPACE, key, value));
      return this;
    }
  }
}
