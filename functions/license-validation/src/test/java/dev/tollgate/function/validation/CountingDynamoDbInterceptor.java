package dev.tollgate.function.validation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** Counts every call the app's DynamoDB client makes, so tests can prove a request made none. */
public class CountingDynamoDbInterceptor implements ExecutionInterceptor {

    public static final AtomicInteger CALLS = new AtomicInteger();
    /** Calls by operation name (GetItem, PutItem, ...). */
    public static final Map<String, AtomicInteger> BY_OPERATION = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        CALLS.incrementAndGet();
        BY_OPERATION.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new AtomicInteger())
                .incrementAndGet();
    }
}
