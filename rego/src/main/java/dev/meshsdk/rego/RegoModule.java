package dev.meshsdk.rego;

/** A parsed Rego module. Created by {@link RegoEngine#parse(String, String)}. */
public final class RegoModule {
    private final Ast.Module ast;

    RegoModule(Ast.Module ast) {
        this.ast = ast;
    }

    /** The file name given at parse time. */
    public String fileName() {
        return ast.file();
    }

    /** The package path without the leading {@code data}, e.g. {@code policies.orders}. */
    public String packagePath() {
        return String.join(".", ast.pkg());
    }

    Ast.Module ast() {
        return ast;
    }

    @Override
    public String toString() {
        return fileName() + " (package " + packagePath() + ")";
    }
}
