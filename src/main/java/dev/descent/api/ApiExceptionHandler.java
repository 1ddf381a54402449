package dev.descent.api;

import dev.descent.dataset.DatasetInUseException;
import dev.descent.dataset.DatasetNotFoundException;
import dev.descent.dataset.DatasetTooLargeException;
import dev.descent.job.JobConflictException;
import dev.descent.job.JobNotFoundException;
import dev.descent.job.JobTooLargeException;
import dev.descent.job.QueueFullException;
import dev.descent.security.ClientQuotas;
import dev.descent.security.QuotaExceededException;
import dev.descent.spec.FieldViolation;
import dev.descent.spec.InvalidRequestException;
import dev.descent.spec.Limits;
import dev.descent.spec.SpecTypes;
import dev.descent.study.StudyNotFoundException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every failure into {@code application/problem+json} (RFC 9457). Input errors name the
 * field by its request path; no body carries a stack trace or a Java class name.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
    private final Limits limits;

    ApiExceptionHandler(Limits limits) {
        this.limits = limits;
    }

    @ExceptionHandler
    ResponseEntity<Object> on(InvalidRequestException e, WebRequest request) {
        return invalid(e.violations(), request);
    }

    @ExceptionHandler
    ResponseEntity<Object> on(JobTooLargeException e, WebRequest request) {
        ResponseEntity<Object> answer = invalid(e.violations(), request);
        ProblemDetail pd = (ProblemDetail) answer.getBody();
        pd.setProperty("estimatedBytes", e.estimate().total());
        pd.setProperty("budgetBytes", e.budget());
        pd.setProperty("estimate", e.estimate().parts());
        return answer;
    }

    @ExceptionHandler
    ResponseEntity<Object> on(JobNotFoundException e, WebRequest request) {
        return answer(HttpStatus.NOT_FOUND, "job-not-found", e.getMessage(), request);
    }

    @ExceptionHandler
    ResponseEntity<Object> on(StudyNotFoundException e, WebRequest request) {
        return answer(HttpStatus.NOT_FOUND, "study-not-found", e.getMessage(), request);
    }

    @ExceptionHandler
    ResponseEntity<Object> on(JobConflictException e, WebRequest request) {
        return answer(HttpStatus.CONFLICT, "conflict", e.getMessage(), request);
    }

    @ExceptionHandler
    ResponseEntity<Object> on(QueueFullException e, WebRequest request) {
        return tooManyRequests("queue-full", e.getMessage(), e.retryAfterSeconds(), request);
    }

    @ExceptionHandler
    ResponseEntity<Object> on(QuotaExceededException e, WebRequest request) {
        if (e.kind() == QuotaExceededException.Kind.DATASET_STORAGE) {
            return answer(HttpStatus.CONFLICT, "storage-quota-exceeded", e.getMessage(), request);
        }
        return tooManyRequests("too-many-active-jobs", e.getMessage(), ClientQuotas.jobsRetryAfterSeconds(), request);
    }

    /** 429 with the seconds after which a retry may succeed. */
    private ResponseEntity<Object> tooManyRequests(String type, String detail, long retryAfterSeconds, WebRequest request) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds))
                .body(problem(HttpStatus.TOO_MANY_REQUESTS, type, detail, request));
    }

    @ExceptionHandler
    ResponseEntity<Object> on(DatasetNotFoundException e, WebRequest request) {
        return answer(HttpStatus.NOT_FOUND, "dataset-not-found", e.getMessage(), request);
    }

    @ExceptionHandler
    ResponseEntity<Object> on(DatasetInUseException e, WebRequest request) {
        return answer(HttpStatus.CONFLICT, "conflict", e.getMessage(), request);
    }

    @ExceptionHandler
    ResponseEntity<Object> on(DatasetTooLargeException e, WebRequest request) {
        return answer(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", e.getMessage(), request);
    }

    @ExceptionHandler
    ResponseEntity<Object> on(MethodArgumentTypeMismatchException e, WebRequest request) {
        return invalid(List.of(new FieldViolation(e.getName(), "has an invalid value '" + e.getValue() + "'")), request);
    }

    /**
     * A multipart body the container cannot parse (no boundary, cut short, malformed headers). A body
     * over the upload cap is the more specific {@code MaxUploadSizeExceededException}: 413 (below).
     */
    @ExceptionHandler
    ResponseEntity<Object> on(MultipartException e, WebRequest request) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String why = root == e || root.getMessage() == null ? "" : ": " + root.getMessage();
        if (why.length() > 200) why = why.substring(0, 200) + "…";
        return answer(HttpStatus.BAD_REQUEST, "malformed-request", "The multipart body cannot be read" + why, request);
    }

    @ExceptionHandler
    ResponseEntity<Object> on(Exception e, WebRequest request) {
        log.error("Unexpected error on {}", path(request), e);
        return answer(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "An unexpected error occurred; it has been logged", request);
    }

    /**
     * A multipart upload over the cap, which the container enforces while it spools the parts: the
     * same 413 answer, naming the limit, as a raw upload over {@code descent.limits.max-dataset-bytes}.
     */
    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        long limit = limits.maxDatasetBytes().toBytes();
        return answer(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", new DatasetTooLargeException(limit).getMessage(),
                request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            violations.add(new FieldViolation(error.getField(), error.getDefaultMessage()));
        }
        e.getBindingResult().getGlobalErrors()
                .forEach(error -> violations.add(new FieldViolation("", error.getDefaultMessage())));
        return invalid(violations, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldViolation> violations = e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(err -> new FieldViolation(
                        r.getMethodParameter().getParameterName(), err.getDefaultMessage())))
                .toList();
        return invalid(violations, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PayloadTooLargeException tooLarge) {
                return answer(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", tooLarge.getMessage(), request);
            }
        }
        Throwable cause = e.getCause();
        if (cause instanceof JacksonException jackson) return invalid(List.of(describe(jackson)), request);
        return answer(HttpStatus.BAD_REQUEST, "malformed-request", "The request body is missing or not readable", request);
    }

    /** One violation for a binding or parsing failure, worded for a client. */
    static FieldViolation describe(JacksonException e) {
        String field = path(e);
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", "));
            return new FieldViolation(field, "unknown field '" + u.getPropertyName() + "'"
                    + (known.isEmpty() ? "" : "; known fields: " + known));
        }
        if (e instanceof InvalidTypeIdException t) {
            String known = String.join(", ", SpecTypes.subtypes(t.getBaseType().getRawClass()).keySet());
            String where = field.isEmpty() ? "type" : field + ".type";
            return t.getTypeId() == null
                    ? new FieldViolation(where, "is required; one of: " + known)
                    : new FieldViolation(where, "unknown type '" + t.getTypeId() + "'; one of: " + known);
        }
        if (e instanceof StreamConstraintsException) {
            return new FieldViolation(field, "exceeds a parser limit: " + e.getOriginalMessage());
        }
        if (e instanceof UnexpectedEndOfInputException) {
            return new FieldViolation(field, "the JSON ends too early");
        }
        if (e instanceof StreamReadException) {
            var location = e.getLocation();
            String at = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
            return new FieldViolation(field, "malformed JSON" + at);
        }
        if (e instanceof MismatchedInputException m) {
            if (m.getClass() == MismatchedInputException.class && m.getTargetType() == null) {
                return new FieldViolation(field, "has the wrong JSON type");
            }
            return new FieldViolation(field, "must be " + expected(m.getTargetType()));
        }
        if (e.getClass() == DatabindException.class) {
            // Raised by our own readers (FiniteNumbersModule) with a client-ready message.
            return new FieldViolation(field, e.getOriginalMessage());
        }
        return new FieldViolation(field, "cannot be read");
    }

    private static String expected(Class<?> type) {
        if (type == null) return "of another JSON type";
        if (type == Double.class || type == double.class || type == Float.class) return "a number";
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) return "an integer";
        if (type == Boolean.class || type == boolean.class) return "true or false";
        if (type == String.class) return "a string";
        if (type == java.time.Duration.class) return "an ISO-8601 duration such as PT30S";
        if (type.isArray() || List.class.isAssignableFrom(type)) return "an array";
        if (type.isEnum()) return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        return "an object";
    }

    /** The request path of the failing value, such as {@code problem.a[1][2]}. */
    static String path(JacksonException e) {
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!sb.isEmpty()) sb.append('.');
                sb.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private ResponseEntity<Object> invalid(List<FieldViolation> violations, WebRequest request) {
        String detail = violations.isEmpty() ? "The request is invalid" : violations.stream()
                .map(v -> v.field().isEmpty() ? v.message() : v.field() + ": " + v.message())
                .collect(Collectors.joining("; "));
        ProblemDetail pd = problem(HttpStatus.BAD_REQUEST, "invalid-request", detail, request);
        pd.setTitle("Invalid request");
        pd.setProperty("errors", violations);
        return ResponseEntity.badRequest().body(pd);
    }

    private ResponseEntity<Object> answer(HttpStatus status, String type, String detail, WebRequest request) {
        return ResponseEntity.status(status).body(problem(status, type, detail, request));
    }

    private static ProblemDetail problem(HttpStatus status, String type, String detail, WebRequest request) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(status, detail);
        pd.setType(URI.create("/problems/" + type));
        pd.setInstance(URI.create(path(request)));
        return pd;
    }

    private static String path(WebRequest request) {
        return request instanceof ServletWebRequest s ? s.getRequest().getRequestURI() : "";
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail pd && pd.getInstance() == null) {
            pd.setInstance(URI.create(path(request)));
        }
        return response;
    }
}
