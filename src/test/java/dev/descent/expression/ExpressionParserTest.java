package dev.descent.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ExpressionParserTest {
    static final List<String> NAMES = List.of("a", "b", "c", "x", "y");
    static final double[] AT = {2, 3, 5, 0.5, -1.5};

    static double eval(String text) {
        return CompiledExpression.parse(text, NAMES, ExpressionLimits.defaults()).evaluator().value(AT);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "-x^2           | -0.25",
            "2^3^2          | 512",
            "(2^3)^2        | 64",
            "a-b-c          | -6",
            "a/b/c          | 0.13333333333333333",
            "a-(b-c)        | 4",
            "--a            | 2",
            "---a           | -2",
            "- - -a         | -2",
            "-a^2           | -4",
            "(-a)^2         | 4",
            "2^-1           | 0.5",
            "2^-a^2         | 0.0625",
            "a*b^2          | 18",
            "a+b*c          | 17",
            "(a+b)*c        | 25",
            "a*-b           | -6",
            "-a*b           | -6",
            "a^b*c          | 40",
            "1e-3*1000      | 1",
            "2.5E+2         | 250",
            ".5 + 1.        | 1.5",
            "pi             | 3.141592653589793",
            "e              | 2.718281828459045",
            "exp(1)         | 2.718281828459045",
            "max(a, b) + min(a, b) | 5",
            "min(x, y)      | -1.5",
            "abs(y)         | 1.5",
            "sqrt(a*8)      | 4",
            "log(e^2)       | 2",
            "log1p(0)       | 0",
            "expm1(0)       | 0",
            "tanh(0)+sinh(0)+cosh(0)+atan(0)+tan(0)+sin(0)+cos(0) | 2",
    })
    void precedenceAndAssociativityFollowTheLanguage(String text, double expected) {
        assertThat(eval(text)).isCloseTo(expected, within(1e-15 * Math.max(1, Math.abs(expected))));
    }

    @Test
    void whitespaceIsSpacesTabsAndNewlines() {
        assertThat(eval("  a \t+\r\n b ")).isEqualTo(5);
    }

    @Test
    void theTreeIsKeptAsWritten() {
        Node n = ExpressionParser.parse("-x^2", List.of("x"));
        assertThat(n).isEqualTo(new Node.Negate(new Node.Binary(Node.Operator.POWER, new Node.Variable("x", 0),
                new Node.Constant(2))));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "x + 2*sni(y)       | unknown function 'sni' at column 7",
            "x*z                | unknown name 'z' at column 3",
            "(x + y) * (x - y   | expected ')' to close the '(' at column 11 at column 17",
            "(x + y) * (x - y]  | expected ')' but found ']' at column 17",
            "x +                | unexpected end of the expression at column 4",
            "x + * y            | expected a number, a name or '(' but found '*' at column 5",
            "x y                | expected an operator or the end but found 'y' at column 3",
            "2x                 | expected an operator or the end but found 'x' at column 2",
            "x)                 | unmatched ')' at column 2",
            "sin x              | function 'sin' needs its argument in parentheses at column 1",
            "x(2)               | 'x' is not a function at column 1",
            "max(x)             | function 'max' takes 2 arguments, not 1 at column 1",
            "exp(x, y)          | function 'exp' takes 1 argument at column 1",
            "1e999              | number '1e999' is out of range at column 1",
            "x # y              | expected an operator or the end but found '#' at column 3",
            "x + .              | expected a digit before or after '.' at column 5",
    })
    void errorsSayWhatAndWhere(String text, String message) {
        assertThatThrownBy(() -> ExpressionParser.parse(text, List.of("x", "y")))
                .isInstanceOf(ParseException.class).hasMessage(message);
    }

    @Test
    void errorsCarryTheirColumn() {
        ParseException e = (ParseException) org.assertj.core.api.Assertions.catchThrowable(
                () -> ExpressionParser.parse("x + 2*sni(y)", List.of("x", "y")));
        assertThat(e.column()).isEqualTo(7);
        assertThat(e.reason()).isEqualTo("unknown function 'sni'");
    }

    @Test
    void emptyAndBlankExpressionsAreRejected() {
        assertThatThrownBy(() -> ExpressionParser.parse("", List.of("x"))).hasMessage("the expression is empty");
        assertThatThrownBy(() -> ExpressionParser.parse("  \t", List.of("x"))).hasMessage("the expression is empty");
        assertThatThrownBy(() -> ExpressionParser.parse(null, List.of("x"))).isInstanceOf(ParseException.class);
    }

    @Test
    void nestingIsCappedAtSixtyFourLevels() {
        String ok = "(".repeat(64) + "x" + ")".repeat(64);
        assertThat(ExpressionParser.parse(ok, List.of("x"))).isEqualTo(new Node.Variable("x", 0));
        String deep = "(".repeat(65) + "x" + ")".repeat(65);
        assertThatThrownBy(() -> ExpressionParser.parse(deep, List.of("x")))
                .isInstanceOf(ParseException.class).hasMessage("nesting deeper than 64 levels at column 65");
        assertThatThrownBy(() -> ExpressionParser.parse("-".repeat(65) + "x", List.of("x")))
                .hasMessageStartingWith("nesting deeper than 64 levels");
        assertThatThrownBy(() -> ExpressionParser.parse("x" + "^x".repeat(65), List.of("x")))
                .hasMessageStartingWith("nesting deeper than 64 levels");
        assertThatThrownBy(() -> ExpressionParser.parse("exp(".repeat(65) + "x" + ")".repeat(65), List.of("x")))
                .hasMessageStartingWith("nesting deeper than 64 levels");
    }

    @Test
    void aHundredThousandOpeningParenthesesAreAParseErrorNotAStackOverflow() {
        var generous = new ExpressionLimits(1_000_000, 64, 1_000_000);
        assertThatThrownBy(() -> ExpressionParser.parse("(".repeat(100_000), List.of("x"), generous))
                .isInstanceOf(ParseException.class).hasMessageStartingWith("nesting deeper than 64 levels");
        assertThatThrownBy(() -> ExpressionParser.parse("-(".repeat(100_000) + "x", List.of("x"), generous))
                .isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> ExpressionParser.parse("(".repeat(100_000), List.of("x")))
                .isInstanceOf(ParseException.class).hasMessage("is 100000 characters long; the limit is 10000");
    }

    @Test
    void lengthAndNodeLimitsAreEnforced() {
        assertThatThrownBy(() -> ExpressionParser.parse("x+".repeat(10) + "x", List.of("x"), new ExpressionLimits(20, 64, 100)))
                .hasMessage("is 21 characters long; the limit is 20");
        assertThatThrownBy(() -> ExpressionParser.parse("x+".repeat(10) + "x", List.of("x"), new ExpressionLimits(100, 64, 20)))
                .hasMessage("has more than 20 terms and operations");
    }

    @Test
    void aLongSumIsAsDeepAsItIsLongAndStillCompilesWithoutRecursion() {
        var limits = new ExpressionLimits(2_000_000, 64, 1_000_000);
        String sum = "x" + "+x".repeat(200_000);
        CompiledExpression c = CompiledExpression.parse(sum, List.of("x"), limits);
        double[] g = new double[1];
        assertThat(c.evaluator().valueAndGradient(new double[] {0.5}, g)).isEqualTo(100_000.5);
        assertThat(g[0]).isEqualTo(200_001);
    }

    @Test
    void identifiersAreAsciiLettersDigitsAndUnderscores() {
        assertThat(ExpressionParser.isIdentifier("x_1")).isTrue();
        assertThat(ExpressionParser.isIdentifier("_")).isTrue();
        assertThat(ExpressionParser.isIdentifier("1x")).isFalse();
        assertThat(ExpressionParser.isIdentifier("x-y")).isFalse();
        assertThat(ExpressionParser.isIdentifier("")).isFalse();
        assertThat(ExpressionParser.isIdentifier("é")).isFalse();
        assertThat(Function.reserved("sin")).isTrue();
        assertThat(Function.reserved("pi")).isTrue();
        assertThat(Function.reserved("x")).isFalse();
    }
}
