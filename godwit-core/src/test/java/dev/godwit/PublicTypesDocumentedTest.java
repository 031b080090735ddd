package dev.godwit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.DiagnosticCollector;
import javax.tools.DocumentationTool;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import jdk.javadoc.doclet.Doclet;
import jdk.javadoc.doclet.DocletEnvironment;
import jdk.javadoc.doclet.Reporter;
import org.junit.jupiter.api.Test;

/**
 * Every public (and protected) type of the library has Javadoc. The build's javadoc run checks the rest of the
 * comments' form (doclint without its "missing" group, which would also demand a comment on every member).
 */
class PublicTypesDocumentedTest {
    /** Collects the documented types that have no comment. */
    public static final class MissingTypeComments implements Doclet {
        static final List<String> MISSING = new ArrayList<>();

        @Override
        public void init(Locale locale, Reporter reporter) {
        }

        @Override
        public String getName() {
            return "missing-type-comments";
        }

        @Override
        public Set<? extends Option> getSupportedOptions() {
            return Set.of();
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latest();
        }

        @Override
        public boolean run(DocletEnvironment environment) {
            for (Element e : environment.getIncludedElements()) {
                if (e instanceof TypeElement type && environment.getDocTrees().getDocCommentTree(e) == null) {
                    MISSING.add(type.getQualifiedName().toString());
                }
            }
            return true;
        }
    }

    @Test
    void everyPublicTypeOfTheLibraryHasJavadoc() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertThat(sources).isNotEmpty();
        DocumentationTool tool = ToolProvider.getSystemDocumentationTool();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = tool.getStandardFileManager(diagnostics, null, null)) {
            MissingTypeComments.MISSING.clear();
            boolean ok = tool.getTask(null, files, diagnostics, MissingTypeComments.class,
                    List.of("-quiet", "-classpath", System.getProperty("java.class.path")),
                    files.getJavaFileObjectsFromPaths(sources)).call();
            assertThat(ok).as(diagnostics.getDiagnostics().toString()).isTrue();
        }
        assertThat(MissingTypeComments.MISSING).as("public types without Javadoc").isEmpty();
    }
}
