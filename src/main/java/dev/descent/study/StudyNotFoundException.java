package dev.descent.study;

/** No study with that id. */
public class StudyNotFoundException extends RuntimeException {
    public StudyNotFoundException(String id) {
        super("No study " + id);
    }
}
