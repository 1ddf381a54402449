package dev.descent.expression;

import dev.descent.expression.Node.Operator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recursive descent over the grammar
 * <pre>
 *   expression = term { ("+" | "-") term }
 *   term       = unary { ("*" | "/") unary }
 *   unary      = "-" unary | power
 *   power      = primary [ "^" unary ]          (right-associative, tighter than unary minus)
 *   primary    = number | name | function "(" expression { "," expression } ")" | "(" expression ")"
 * </pre>
 * so {@code -x^2} is −(x²) and {@code 2^3^2} is 2⁹. Every way of nesting deeper (parentheses,
 * function calls, unary minus, the right operand of {@code ^}) is counted before recursing, so no
 * input can overflow the stack: the recursion depth is at most a constant times
 * {@link ExpressionLimits#maxDepth()}.
 */
public final class ExpressionParser {
    private final String text;
    private final Map<String, Integer> names;
    private final ExpressionLimits limits;
    private int pos;
    private int depth;
    private int nodes;

    private ExpressionParser(String text, Map<String, Integer> names, ExpressionLimits limits) {
        this.text = text;
        this.names = names;
        this.limits = limits;
    }

    /**
     * Parses {@code text} in which {@code names} (variables, parameters) may appear; a name's
     * {@link Node.Variable#index()} is its position in that list.
     *
     * @throws ParseException with the reason and the column
     */
    public static Node parse(String text, List<String> names, ExpressionLimits limits) {
        if (text == null) throw new ParseException("the expression is missing", 0);
        if (text.length() > limits.maxLength()) {
            throw new ParseException("is " + text.length() + " characters long; the limit is " + limits.maxLength(), 0);
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < names.size(); i++) index.putIfAbsent(names.get(i), i);
        ExpressionParser p = new ExpressionParser(text, index, limits);
        p.skipSpace();
        if (p.pos == text.length()) throw new ParseException("the expression is empty", 0);
        Node root = p.expression();
        p.skipSpace();
        if (p.pos < text.length()) {
            char c = text.charAt(p.pos);
            if (c == ')') throw p.error("unmatched ')'");
            throw p.error("expected an operator or the end but found " + p.describe());
        }
        return root;
    }

    /** Parses with the default limits. */
    public static Node parse(String text, List<String> names) {
        return parse(text, names, ExpressionLimits.defaults());
    }

    /** Whether {@code name} is a valid identifier: a letter or '_', then letters, digits or '_' (ASCII). */
    public static boolean isIdentifier(String name) {
        if (name == null || name.isEmpty() || !identifierStart(name.charAt(0))) return false;
        for (int i = 1; i < name.length(); i++) if (!identifierPart(name.charAt(i))) return false;
        return true;
    }

    private Node expression() {
        Node left = term();
        while (true) {
            skipSpace();
            if (pos >= text.length()) return left;
            char c = text.charAt(pos);
            if (c != '+' && c != '-') return left;
            pos++;
            left = node(new Node.Binary(c == '+' ? Operator.ADD : Operator.SUBTRACT, left, term()));
        }
    }

    private Node term() {
        Node left = unary();
        while (true) {
            skipSpace();
            if (pos >= text.length()) return left;
            char c = text.charAt(pos);
            if (c != '*' && c != '/') return left;
            pos++;
            left = node(new Node.Binary(c == '*' ? Operator.MULTIPLY : Operator.DIVIDE, left, unary()));
        }
    }

    private Node unary() {
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == '-') {
            enter();
            pos++;
            Node operand = unary();
            depth--;
            return node(new Node.Negate(operand));
        }
        return power();
    }

    private Node power() {
        Node base = primary();
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == '^') {
            enter();
            pos++;
            Node exponent = unary();
            depth--;
            return node(new Node.Binary(Operator.POWER, base, exponent));
        }
        return base;
    }

    private Node primary() {
        skipSpace();
        if (pos >= text.length()) throw error("unexpected end of the expression");
        char c = text.charAt(pos);
        if (c >= '0' && c <= '9' || c == '.') return number();
        if (identifierStart(c)) return name();
        if (c == '(') {
            int open = pos;
            enter();
            pos++;
            Node inner = expression();
            expectClosing(open);
            depth--;
            return inner;
        }
        throw error("expected a number, a name or '(' but found " + describe());
    }

    private Node number() {
        int start = pos;
        while (pos < text.length() && isDigit(text.charAt(pos))) pos++;
        if (pos < text.length() && text.charAt(pos) == '.') {
            pos++;
            while (pos < text.length() && isDigit(text.charAt(pos))) pos++;
        }
        if (pos - start == 1 && text.charAt(start) == '.') {
            pos = start;
            throw error("expected a digit before or after '.'");
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            int mark = pos;
            int p = pos + 1;
            if (p < text.length() && (text.charAt(p) == '+' || text.charAt(p) == '-')) p++;
            if (p < text.length() && isDigit(text.charAt(p))) {
                while (p < text.length() && isDigit(text.charAt(p))) p++;
                pos = p;
            } else {
                pos = mark; // "2e" is the number 2 followed by the name e, which the caller rejects
            }
        }
        String literal = text.substring(start, pos);
        double value = Double.parseDouble(literal);
        if (!Double.isFinite(value)) throw new ParseException("number '" + literal + "' is out of range", start + 1);
        return node(new Node.Constant(value));
    }

    private Node name() {
        int start = pos;
        while (pos < text.length() && identifierPart(text.charAt(pos))) pos++;
        String name = text.substring(start, pos);
        int column = start + 1;
        int save = pos;
        skipSpace();
        boolean call = pos < text.length() && text.charAt(pos) == '(';
        if (!call) {
            pos = save;
            Integer index = names.get(name);
            if (index != null) return node(new Node.Variable(name, index));
            Double constant = Function.CONSTANTS.get(name);
            if (constant != null) return node(new Node.Constant(constant));
            if (Function.named(name) != null) {
                throw new ParseException("function '" + name + "' needs its argument in parentheses", column);
            }
            throw new ParseException("unknown name '" + name + "'", column);
        }
        Function function = Function.named(name);
        if (function == null) {
            if (names.containsKey(name) || Function.CONSTANTS.containsKey(name)) {
                throw new ParseException("'" + name + "' is not a function", column);
            }
            throw new ParseException("unknown function '" + name + "'", column);
        }
        int open = pos;
        enter();
        pos++;
        List<Node> arguments = new ArrayList<>(2);
        arguments.add(expression());
        skipSpace();
        while (pos < text.length() && text.charAt(pos) == ',') {
            if (arguments.size() == function.arity()) {
                throw new ParseException("function '" + name + "' takes " + arguments(function.arity()), column);
            }
            pos++;
            arguments.add(expression());
            skipSpace();
        }
        if (arguments.size() != function.arity() && (pos >= text.length() || text.charAt(pos) == ')')) {
            throw new ParseException("function '" + name + "' takes " + arguments(function.arity())
                    + ", not " + arguments.size(), column);
        }
        expectClosing(open);
        depth--;
        return node(new Node.Call(function, arguments));
    }

    private static String arguments(int n) {
        return n == 1 ? "1 argument" : n + " arguments";
    }

    private void expectClosing(int open) {
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == ')') {
            pos++;
            return;
        }
        if (pos >= text.length()) throw error("expected ')' to close the '(' at column " + (open + 1));
        throw error("expected ')' but found " + describe());
    }

    private void enter() {
        if (++depth > limits.maxDepth()) {
            throw error("nesting deeper than " + limits.maxDepth() + " levels");
        }
    }

    private Node node(Node n) {
        if (++nodes > limits.maxNodes()) {
            throw new ParseException("has more than " + limits.maxNodes() + " terms and operations", 0);
        }
        return n;
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
            pos++;
        }
    }

    private String describe() {
        if (pos >= text.length()) return "the end";
        int cp = text.codePointAt(pos);
        if (cp < 0x20 || cp == 0x7f || Character.isISOControl(cp) || Character.isSurrogate(text.charAt(pos)) && cp < 0x10000) {
            return String.format("character U+%04X", cp);
        }
        return "'" + new String(Character.toChars(cp)) + "'";
    }

    private ParseException error(String reason) {
        return new ParseException(reason, pos + 1);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean identifierStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }

    private static boolean identifierPart(char c) {
        return identifierStart(c) || isDigit(c);
    }
}
