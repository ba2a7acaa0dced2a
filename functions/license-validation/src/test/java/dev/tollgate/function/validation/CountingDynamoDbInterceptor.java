package dev.tollgate.function.validation;

import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** Counts every call the app's DynamoDB client makes, so tests can prove a request made none. */
public class CountingDynamoDbInterceptor implements ExecutionInterceptor {

    public static final AtomicInteger CALLS = new AtomicInteger();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        CALLS.incrementAndGet();
    }
}
