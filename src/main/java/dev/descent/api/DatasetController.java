package dev.descent.api;

import dev.descent.dataset.Dataset;
import dev.descent.dataset.DatasetFormat;
import dev.descent.dataset.DatasetService;
import dev.descent.dataset.DatasetTooLargeException;
import dev.descent.spec.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Upload, list, inspect and delete datasets. The upload body is read as a stream straight from
 * the request (or from the multipart {@code file} part), never held as one string.
 */
@RestController
@RequestMapping("/api/v1/datasets")
@Tag(name = "Datasets", description = "Uploaded data that logistic-regression and linear-least-squares problems name by id")
class DatasetController {
    static final List<MediaType> ACCEPTED = List.of(MediaType.parseMediaType("text/csv"),
            MediaType.parseMediaType("text/x-libsvm"), MediaType.MULTIPART_FORM_DATA);

    private final DatasetService datasets;

    DatasetController(DatasetService datasets) {
        this.datasets = datasets;
    }

    @PostMapping
    @Operation(summary = "Upload a dataset",
            description = "Body: text/csv (header row; label names the label column, default the last), "
                    + "text/x-libsvm (LIBSVM/SVMlight, 1-based ascending indices), or multipart/form-data with a "
                    + "'file' part whose content type or extension (.csv, .libsvm, .svm, .txt) gives the format. "
                    + "UTF-8 only. Over descent.limits.max-dataset-bytes: 413.")
    @ApiResponse(responseCode = "201", description = "Stored and READY")
    @ApiResponse(responseCode = "400", description = "Malformed data; the message names the line, row and column")
    @ApiResponse(responseCode = "413", description = "Larger than descent.limits.max-dataset-bytes")
    @ApiResponse(responseCode = "409", description = "The client's datasets would pass its storage quota "
            + "(descent.security.quota.max-dataset-storage); delete datasets first")
    @ApiResponse(responseCode = "415", description = "Not CSV, LIBSVM or multipart, or not UTF-8")
    ResponseEntity<DatasetView> upload(
            @Parameter(description = "A label for people") @RequestParam(required = false) String name,
            @Parameter(description = "CSV: the label column (default the last column); LIBSVM: the label's name")
            @RequestParam(required = false) String label,
            HttpServletRequest request) throws IOException, ServletException, HttpMediaTypeNotSupportedException {
        long declared = request.getContentLengthLong();
        if (declared > datasets.maxBytes()) throw new DatasetTooLargeException(datasets.maxBytes());
        if (request.getHeader("Content-Encoding") != null && !"identity".equalsIgnoreCase(request.getHeader("Content-Encoding"))) {
            throw new HttpMediaTypeNotSupportedException("Content-Encoding " + request.getHeader("Content-Encoding")
                    + " is not supported; send the dataset uncompressed");
        }
        MediaType type = mediaType(request.getContentType());
        Dataset d;
        if (MediaType.MULTIPART_FORM_DATA.includes(type)) {
            Part part = request.getPart("file");
            if (part == null) throw new InvalidRequestException("file", "is required: a multipart upload needs a 'file' part");
            DatasetFormat format = partFormat(part);
            String shown = name != null ? name : part.getSubmittedFileName();
            try (InputStream in = part.getInputStream()) {
                d = datasets.upload(shown, label, format, in, "file");
            } finally {
                part.delete();
            }
        } else {
            DatasetFormat format = DatasetFormat.ofMediaType(type.getType(), type.getSubtype())
                    .orElseThrow(() -> unsupported(type));
            d = datasets.upload(name, label, format, request.getInputStream(), "body");
        }
        return ResponseEntity.created(URI.create("/api/v1/datasets/" + d.id())).body(DatasetView.of(d));
    }

    @GetMapping
    @Operation(summary = "List datasets, newest first")
    List<DatasetView> list() {
        return datasets.list().stream().map(DatasetView::of).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One dataset")
    DatasetView get(@PathVariable String id) {
        return DatasetView.of(datasets.get(id));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a dataset", description = "409 while a queued or running job uses it")
    void delete(@PathVariable String id) {
        datasets.delete(id);
    }

    private static MediaType mediaType(String header) throws HttpMediaTypeNotSupportedException {
        if (header == null) {
            throw new HttpMediaTypeNotSupportedException(null, ACCEPTED, null, "A dataset upload needs a Content-Type");
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(header);
        } catch (InvalidMediaTypeException e) {
            throw new HttpMediaTypeNotSupportedException(e.getMessage());
        }
        Charset charset;
        try {
            charset = type.getCharset();
        } catch (RuntimeException e) {
            throw new HttpMediaTypeNotSupportedException("Unknown charset in '" + header + "'; datasets are read as UTF-8");
        }
        if (charset != null && !charset.equals(StandardCharsets.UTF_8) && !charset.equals(StandardCharsets.US_ASCII)) {
            throw new HttpMediaTypeNotSupportedException("Charset " + charset + " is not supported; datasets are read as UTF-8");
        }
        return type;
    }

    private static DatasetFormat partFormat(Part part) throws HttpMediaTypeNotSupportedException {
        Optional<DatasetFormat> byType = Optional.empty();
        if (part.getContentType() != null) {
            MediaType type = mediaType(part.getContentType());
            byType = DatasetFormat.ofMediaType(type.getType(), type.getSubtype());
        }
        return byType.or(() -> DatasetFormat.ofFileName(part.getSubmittedFileName())).orElseThrow(() ->
                new HttpMediaTypeNotSupportedException("The 'file' part (" + part.getContentType() + ", '"
                        + part.getSubmittedFileName() + "') is neither CSV nor LIBSVM; use text/csv or text/x-libsvm, "
                        + "or a .csv, .libsvm, .svm or .txt file name"));
    }

    private static HttpMediaTypeNotSupportedException unsupported(MediaType type) {
        return new HttpMediaTypeNotSupportedException(type, ACCEPTED, null,
                "Content-Type " + type + " is not a dataset format; use text/csv, text/x-libsvm or multipart/form-data");
    }
}
