package dev.meshsdk.policy.rego;

import java.util.Objects;

/** A parsed Rego module. Create with {@link #parse(String, String)}. */
public final class RegoModule {
  private final Ast.Module ast;

  private RegoModule(Ast.Module ast) {
    this.ast = ast;
  }

  /**
   * Parses Rego v1 source.
   *
   * @param fileName the name used in error locations ({@code file:line:column})
   * @param source the module text
   * @throws RegoException with code {@code rego_parse_error} on a syntax error
   */
  public static RegoModule parse(String fileName, String source) {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(source, "source");
    return new RegoModule(Parser.parse(fileName, source));
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
}
