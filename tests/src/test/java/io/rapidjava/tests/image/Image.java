package io.rapidjava.tests.image;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The image bin/image assembled for this run: the system property {@code rapid.image} names it (bin/test sets it). */
final class Image {

    private Image() {
    }

    /** Its directory; skips the calling test, saying why, when none was assembled. */
    static Path assembled() {
        String dir = System.getProperty("rapid.image", "");
        Assumptions.assumeFalse(dir.isBlank(),
                "no assembled image: run bin/image DIR and pass -Drapid.image=DIR (bin/test does both)");
        Path image = Path.of(dir).toAbsolutePath();
        Assumptions.assumeTrue(Files.isExecutable(image.resolve("usr/local/bin/aws-lambda-rie")),
                () -> image + " holds no assembled image (usr/local/bin/aws-lambda-rie)");
        return image;
    }
}
