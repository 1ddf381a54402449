package dev.descent.problem;

import dev.descent.expression.CompiledExpression;
import dev.descent.expression.ExpressionLimits;
import dev.descent.expression.ExpressionParser;
import dev.descent.expression.Function;
import dev.descent.expression.ParseException;
import dev.descent.spec.Capability;
import dev.descent.spec.Describe;
import dev.descent.spec.Limits;
import dev.descent.spec.Provides;
import dev.descent.spec.Violations;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An objective written as text over declared variables; derivatives by automatic differentiation. */
@Describe(value = "An objective written as an expression over the declared variables: + - * / ^, unary minus, "
        + "exp log sqrt sin cos tan atan abs tanh sinh cosh log1p expm1 min max, pi, e; "
        + "exact gradient and Hessian by automatic differentiation",
        reference = "Griewank & Walther, Evaluating Derivatives, 2nd ed., SIAM 2008 (reverse mode, section 3.2; "
                + "second order by forward over reverse, section 5.3)")
@Provides({Capability.GRADIENT, Capability.HESSIAN})
public record ExpressionSpec(
        @Describe("The objective, such as (1-x)^2 + 100*(y-x^2)^2; ^ is right-associative and binds tighter "
                + "than unary minus") String objective,
        @Describe("Names of the variables, in the order of the point (x, initialPoint); identifiers, distinct, "
                + "not a function or constant name") List<String> variables)
        implements ProblemSpec {

    public ExpressionSpec {
        variables = variables == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(variables));
    }

    @Override
    public void check(Violations v, Limits limits) {
        boolean namesOk = checkVariables(v, limits);
        if (objective == null) {
            v.add("objective", "is required");
            return;
        }
        if (!namesOk) return;
        try {
            ExpressionParser.parse(objective, variables, new ExpressionLimits(limits.maxExpressionLength(), limits.maxExpressionDepth(), limits.maxExpressionNodes()));
        } catch (ParseException e) {
            v.add("objective", e.getMessage());
        }
    }

    private boolean checkVariables(Violations v, Limits limits) {
        if (variables == null) {
            v.add("variables", "is required: the names of the variables, such as [\"x\", \"y\"]");
            return false;
        }
        if (variables.isEmpty()) {
            v.add("variables", "must name at least one variable");
            return false;
        }
        if (!Rows.checkDimension(v, "variables", variables.size(), limits.maxDimension())) return false;
        boolean ok = true;
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < variables.size(); i++) {
            String name = variables.get(i);
            String field = "variables[" + i + "]";
            if (name == null) {
                ok = v.check(false, field, "must be a string");
            } else if (!ExpressionParser.isIdentifier(name)) {
                ok = v.check(false, field, "'" + abbreviate(name) + "' is not a name: use letters, digits and _, "
                        + "starting with a letter or _");
            } else if (Function.reserved(name)) {
                ok = v.check(false, field, "'" + name + "' is a function or constant of the language");
            } else {
                Integer before = seen.putIfAbsent(name, i);
                if (before != null) ok = v.check(false, field, "repeats variables[" + before + "] '" + name + "'");
            }
        }
        return ok;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    @Override
    public int dimension() {
        return variables.size();
    }

    @Override
    public Problem create() {
        // check() already applied the service's limits; here the same text is only read again.
        ExpressionLimits limits = new ExpressionLimits(Math.max(objective.length(), 1), Integer.MAX_VALUE,
                Integer.MAX_VALUE);
        return new ExpressionProblem(CompiledExpression.parse(objective, variables, limits));
    }
}
