package dev.tollgate.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CloudFormation's intrinsic functions as the template uses them: {@code Ref}, {@code Fn::GetAtt}
 * ({@code [X, Attr]} and {@code "X.Attr"}) and {@code Fn::Sub} (string, or [string, variables]),
 * against parameters, pseudo parameters and the physical resources a {@link Resources} answers for.
 */
final class Intrinsics {

    /** What Ref and Fn::GetAtt of a created resource give. */
    interface Resources {
        String ref(String logicalId);

        String attribute(String logicalId, String attribute);
    }

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{(!?)([^}]+)}");

    private final SamTemplate template;
    private final Map<String, String> parameters;
    private final Map<String, String> pseudoParameters;
    private final Resources resources;

    /**
     * @param parameters values given at deploy time (the rest take their Default); read on each
     *                   resolution, so a later override (a second {@code sam deploy}) is seen
     */
    Intrinsics(SamTemplate template, Map<String, String> parameters, String region, String accountId, Resources resources) {
        this.template = template;
        this.parameters = parameters;
        this.pseudoParameters = Map.of(
                "AWS::Region", region,
                "AWS::AccountId", accountId,
                "AWS::Partition", "aws",
                "AWS::URLSuffix", "amazonaws.com",
                "AWS::StackName", MotoStack.STACK_NAME,
                "AWS::NoValue", "");
        this.resources = resources;
    }

    /** A property value as CloudFormation hands it to the resource: scalars as text, intrinsics resolved. */
    String resolve(JsonNode value) {
        if (value.isValueNode()) {
            return value.asText();
        }
        if (value.isObject() && value.size() == 1) {
            String function = value.fieldNames().next();
            JsonNode argument = value.get(function);
            switch (function) {
                case "Ref":
                    return ref(argument.asText());
                case "Fn::GetAtt":
                    return getAtt(argument);
                case "Fn::Sub":
                    return sub(argument);
                case "Fn::If":
                    return resolve(argument.get(condition(argument.get(0).asText()) ? 1 : 2));
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("cannot resolve " + value + " (only scalars, Ref, Fn::GetAtt, Fn::Sub and Fn::If)");
    }

    /** A condition as CloudFormation evaluates it at deploy time: Fn::Equals, Fn::Not, Fn::And, Fn::Or, Condition. */
    boolean condition(String name) {
        return holds(template.condition(name));
    }

    private boolean holds(JsonNode expression) {
        if (expression.isObject() && expression.size() == 1) {
            String function = expression.fieldNames().next();
            JsonNode arguments = expression.get(function);
            switch (function) {
                case "Fn::Equals":
                    return resolve(arguments.get(0)).equals(resolve(arguments.get(1)));
                case "Fn::Not":
                    return !holds(arguments.get(0));
                case "Fn::And": {
                    boolean all = true;
                    for (JsonNode argument : arguments) {
                        all &= holds(argument);
                    }
                    return all;
                }
                case "Fn::Or": {
                    boolean any = false;
                    for (JsonNode argument : arguments) {
                        any |= holds(argument);
                    }
                    return any;
                }
                case "Condition":
                    return condition(arguments.asText());
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("cannot evaluate condition " + expression);
    }

    private String ref(String name) {
        if (pseudoParameters.containsKey(name)) {
            return pseudoParameters.get(name);
        }
        if (template.hasParameter(name)) {
            return Optional.ofNullable(parameters.get(name))
                    .or(() -> template.parameterDefault(name))
                    .orElseThrow(() -> new IllegalStateException("template parameter " + name
                            + " has no Default and no value was given: pass it to MotoStack (as sam deploy --parameter-overrides)"));
        }
        return resources.ref(name);
    }

    private String getAtt(JsonNode argument) {
        if (argument.isArray() && argument.size() == 2) {
            return resources.attribute(argument.get(0).asText(), argument.get(1).asText());
        }
        String text = argument.asText();
        int dot = text.indexOf('.');
        if (dot < 1) {
            throw new IllegalArgumentException("Fn::GetAtt wants [Resource, Attribute] or \"Resource.Attribute\", got " + argument);
        }
        return resources.attribute(text.substring(0, dot), text.substring(dot + 1));
    }

    private String sub(JsonNode argument) {
        String text;
        JsonNode variables = null;
        if (argument.isArray()) {
            text = argument.get(0).asText();
            variables = argument.get(1);
        } else {
            text = argument.asText();
        }
        Matcher m = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(2);
            String replacement;
            if (!m.group(1).isEmpty()) {
                replacement = "${" + name + "}"; // ${!Literal} is written out as ${Literal}
            } else if (variables != null && variables.has(name)) {
                replacement = resolve(variables.get(name));
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                int dot = name.indexOf('.');
                replacement = resources.attribute(name.substring(0, dot), name.substring(dot + 1));
            } else {
                replacement = ref(name);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
