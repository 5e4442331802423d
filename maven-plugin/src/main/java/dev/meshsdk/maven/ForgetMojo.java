package dev.meshsdk.maven;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Erases one data subject ({@code -Dmesh.subject=<value>}) from every product of the environment as the registry
 * lists them, not only this build's: in every port whose contract marks a subject key of the type
 * ({@code -Dmesh.subjectType}, {@code default} when not given), in every contract major version, on every store.
 * Logs a line per port's erasure receipt and one summary line; a second run deletes nothing and says so. The
 * build needs no product of its own. Ports on {@code local} and {@code s3} servers run on Spark: without
 * {@code mesh-spark} in the plugin's {@code <dependencies>}, the goal fetches it on first use and runs in a JVM of
 * its own.
 *
 * <p>The subject's value is personal data: it is read from the {@code mesh.subject} property given on the command
 * line (or a system property), not from the POM, so that Maven's debug log ({@code -X}), which prints every
 * parameter's value, never shows it; the goal never logs it, and a forked JVM receives it in its environment.
 */
@Mojo(name = "forget", threadSafe = true)
public class ForgetMojo extends AbstractDataMojo {
    static final String SUBJECT_PROPERTY = "mesh.subject";

    /**
     * The kind of subject, as contracts mark it ({@code subjectKey: customer}); {@code default} when empty, what
     * {@code subjectKey: true} marks.
     */
    @Parameter(property = "mesh.subjectType")
    String subjectType;

    @Override
    String goal() {
        return "forget";
    }

    @Override
    GoalCall call() throws MojoFailureException {
        String subject = session.getUserProperties()
                .getProperty(SUBJECT_PROPERTY, session.getSystemProperties().getProperty(SUBJECT_PROPERTY));
        if (subject == null || subject.isBlank()) {
            throw new MojoFailureException("Cannot forget: say whose data to erase with -Dmesh.subject=<value>, the"
                    + " value of the subject's key column (the column whose contract marks it with subjectKey), and"
                    + " its type with -Dmesh.subjectType=<type> unless it is marked subjectKey: true");
        }
        return new ForgetCall(subject, subjectType == null || subjectType.isBlank() ? null : subjectType.trim());
    }
}
