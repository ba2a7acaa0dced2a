/**
 * A harness for testing the deployed shape: each packaged {@code function.zip} runs under AWS's own
 * runtime interface client against a Runtime API served by the test ({@link dev.tollgate.stack.RuntimeApi},
 * {@link dev.tollgate.stack.PackagedFunction}), with exactly the environment sam-template.yaml gives
 * it, resolved against resources created on moto_server ({@link dev.tollgate.stack.SamTemplate},
 * {@link dev.tollgate.stack.Intrinsics}, {@link dev.tollgate.stack.MotoStack}), fed events in
 * AWS's shapes ({@link dev.tollgate.stack.AwsEvents}) through the template's own routes
 * ({@link dev.tollgate.stack.HttpApi}) and SQS event sources ({@link dev.tollgate.stack.SqsEventSource}).
 *
 * <pre>{@code
 * ExternalTool.require("moto_server", "pip install \"moto[server]\"");
 * try (MotoServer moto = MotoServer.start();
 *      MotoStack stack = MotoStack.provision(moto.endpoint(), SamTemplate.repository(), Map.of())) {
 *     stack.overrideParameter("WrappedDigestSecret", wrapped);   // the README's operator step
 *     try (PackagedFunction validation = stack.launch("LicenseValidationFunction")) {
 *         HttpApiResponse jwks = new HttpApi(stack.template()).with("LicenseValidationFunction", validation)
 *                 .send(AwsEvents.httpApi("GET", "/.well-known/jwks.json"), Duration.ofSeconds(120));
 *     }
 * }
 * }</pre>
 */
package dev.tollgate.stack;
