/// This build's version, sent in hellos and printed by `--version`.
public enum LodeVersion {
    public static let current = "0.1.0"
}
