import LodeWire

/// What completes `lode`'s command lines, read from the commands' usage lines: the commands,
/// each one's options and their values, and its first argument. Serves the REPL and the bash,
/// zsh and fish scripts `lode --generate-completion-script SHELL` prints.
public enum ShellCompletion {
    /// What may follow an option or fill an argument.
    public enum Values: Equatable, Sendable {
        /// Nothing: the option is a flag.
        case none
        /// A value with nothing to offer (a number, a date, a name the server knows).
        case free
        /// A path.
        case files
        /// One of these words.
        case words([String])
    }

    public struct Option: Equatable, Sendable {
        public let name: String
        public let values: Values

        public init(_ name: String, _ values: Values) {
            self.name = name
            self.values = values
        }
    }

    /// A command's options and what its first argument may be (every argument, if it repeats).
    struct CommandShape: Equatable {
        let name: String
        let summary: String
        let options: [Option]
        let firstArgument: Values
        let argumentRepeats: Bool
    }

    /// Entity types as `entities`, `--type` and `--with` take them.
    static let entityTypes = ["person", "org", "loc", "misc", "date", "money", "percent", "quantity", "cardinal", "all"]

    static let commands: [CommandShape] = Command.all.map { command in
        let words = command.usage.split(separator: " ").map { $0.trimmingCharacters(in: ["[", "]", "."]) }
        var options: [Option] = []
        for (k, word) in words.enumerated() where word.hasPrefix("--") {
            let next = k + 1 < words.count && !words[k + 1].hasPrefix("-") && words[k + 1] != "|" ? words[k + 1] : nil
            options.append(Option(word, next.map(values(for:)) ?? .none))
        }
        let first = words.count > 1 && !words[1].hasPrefix("-") ? values(for: words[1]) : .none
        let repeats = command.usage.split(separator: " ").dropFirst().first?.hasSuffix("...") == true
        return CommandShape(name: command.name, summary: command.summary, options: options, firstArgument: first, argumentRepeats: repeats)
    }

    /// What a usage placeholder stands for: `a|b` its words, `TYPE` entity types, `PATH` and
    /// `FILE` paths, `COMMAND` commands, `METHOD` and `MESSAGE-TYPE` what Protos/ declares.
    static func values(for placeholder: String) -> Values {
        switch placeholder {
        case "PATH", "FILE": .files
        case "TYPE": .words(entityTypes)
        case "COMMAND": .words(Command.all.map(\.name))
        case "METHOD": .words(SchemaCatalog.generated.services.flatMap { s, methods in methods.map { "/\(s)/\($0.name)" } }.sorted())
        case "MESSAGE-TYPE": .words(SchemaCatalog.generated.messageNames)
        case let p where p.contains("|"): .words(p.split(separator: "|").map(String.init))
        default: .free
        }
    }

    /// The options of `command` (none for an unknown one).
    static func options(of command: String) -> [Option] { commands.first { $0.name == command }?.options ?? [] }

    // MARK: Scripts

    /// The completion script for `shell` (bash, zsh or fish), given `lode`'s own options.
    public static func script(for shell: String, globalOptions: [Option]) -> String? {
        switch shell {
        case "bash": bash(globalOptions)
        case "zsh": zsh(globalOptions)
        case "fish": fish(globalOptions)
        default: nil
        }
    }

    /// The options that take a value: a command line skips the word after them.
    private static func takingValues(_ options: [Option]) -> [String] { options.filter { $0.values != .none }.map(\.name) }

    /// How bash or zsh offers words, paths, and what it calls the words of the line.
    private struct Dialect {
        let words: (String) -> String
        let files: String
        let line: String
        let index: String
        let firstIndex: Int

        func offer(_ values: Values) -> String {
            switch values {
            case .none, .free: ":"
            case .files: files
            case .words(let list): words(list.joined(separator: " "))
            }
        }

        /// Case arms completing the values of `options` after them.
        func valueArms(_ options: [Option]) -> [String] {
            options.compactMap { o in o.values == .none ? nil : "\(o.name)) \(offer(o.values)); return 0;;" }
        }
    }

    /// The body of `_lode` for bash or zsh: find the command word past `lode`'s own options,
    /// then complete an option's value, an option, or an argument.
    private static func function(_ d: Dialect, globals: [Option], commandList: [String]) -> [String] {
        let skipped = takingValues(globals).joined(separator: "|")
        var lines = [
            "_lode() {",
            "    local cur=${\(d.line)[\(d.index)]} prev=${\(d.line)[\(d.index)-1]}",
            "    local i=\(d.firstIndex) command=\"\" first=0",
            "    while (( i < \(d.index) )); do",
            "        case ${\(d.line)[i]} in",
            "            \(skipped)) (( i += 2 ));;",
            "            -*) (( i += 1 ));;",
            "            *) command=${\(d.line)[i]}; break;;",
            "        esac",
            "    done",
            "    (( i + 1 == \(d.index) )) && first=1",
            "    if [[ -z $command ]]; then",
            "        case $prev in",
        ]
        lines += d.valueArms(globals).map { "            " + $0 }
        lines += [
            "        esac",
            "        if [[ $cur == -* ]]; then \(d.offer(.words(globals.map(\.name))))",
            "        else",
        ]
        lines += commandList.map { "            " + $0 }
        lines += [
            "        fi",
            "        return 0",
            "    fi",
            "    case $command in",
        ]
        for c in commands {
            lines.append("        \(c.name))")
            let arms = d.valueArms(c.options)
            if !arms.isEmpty { lines += ["            case $prev in"] + arms.map { "                " + $0 } + ["            esac"] }
            lines += [
                "            if [[ $cur == -* ]]; then \(d.offer(.words(c.options.map(\.name) + ["--help"])))",
                "            elif (( \(c.argumentRepeats ? "1" : "first") )); then \(d.offer(c.firstArgument))",
                "            fi;;",
            ]
        }
        return lines + ["    esac", "}"]
    }

    private static func bash(_ globals: [Option]) -> String {
        let d = Dialect(words: { "COMPREPLY=($(compgen -W \"\($0)\" -- \"$cur\"))" }, files: "COMPREPLY=($(compgen -f -- \"$cur\"))",
                        line: "COMP_WORDS", index: "COMP_CWORD", firstIndex: 1)
        let lines = ["# bash completion for lode: source it, or save it as ~/.local/share/bash-completion/completions/lode"]
            + function(d, globals: globals, commandList: [d.offer(.words(commands.map(\.name)))])
            + ["complete -o filenames -F _lode lode"]
        return lines.joined(separator: "\n") + "\n"
    }

    private static func zsh(_ globals: [Option]) -> String {
        let d = Dialect(words: { "compadd -- \($0)" }, files: "_files", line: "words", index: "CURRENT", firstIndex: 2)
        func described(_ c: CommandShape) -> String {
            "'\(c.name):\(c.summary.replacingOccurrences(of: "'", with: "'\\''").replacingOccurrences(of: ":", with: "\\:"))'"
        }
        let list = ["local -a lode_commands", "lode_commands=(\(commands.map(described).joined(separator: " ")))",
                    "_describe 'lode command' lode_commands"]
        let lines = ["#compdef lode", "# zsh completion for lode: source it after compinit, or save it as _lode on $fpath"]
            + function(d, globals: globals, commandList: list)
            + ["compdef _lode lode"]
        return lines.joined(separator: "\n") + "\n"
    }

    private static func fish(_ globals: [Option]) -> String {
        func escaped(_ text: String) -> String { "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'" }
        func option(_ o: Option, condition: String) -> String {
            let name = o.name.hasPrefix("--") ? "-l \(o.name.dropFirst(2))" : "-s \(o.name.dropFirst())"
            let values = switch o.values {
            case .none: ""
            case .free: " -x"
            case .files: " -r -F"
            case .words(let list): " -x -a \(escaped(list.joined(separator: " ")))"
            }
            return "complete -c lode -n \(escaped(condition)) \(name)\(values)"
        }
        let skipped = takingValues(globals).joined(separator: " ")
        var lines = [
            "# fish completion for lode: `lode --generate-completion-script fish | source`, or save it as ~/.config/fish/completions/lode.fish",
            "# The command word and the words after it, past lode's own options.",
            "function __lode_words",
            "    set -l tokens (commandline -opc)",
            "    set -e tokens[1]",
            "    while set -q tokens[1]",
            "        switch $tokens[1]",
            "            case \(skipped)",
            "                set -e tokens[1..2]",
            "            case '-*'",
            "                set -e tokens[1]",
            "            case '*'",
            "                printf '%s\\n' $tokens",
            "                return",
            "        end",
            "    end",
            "end",
            "function __lode_needs_command",
            "    set -l words (__lode_words)",
            "    not set -q words[1]",
            "end",
            "# Whether the command is $argv[1]; with a second argument, whether the word typed is its first argument.",
            "function __lode_using",
            "    set -l words (__lode_words)",
            "    test \"$words[1]\" = \"$argv[1]\"; and begin; not set -q argv[2]; or test (count $words) -eq 1; end",
            "end",
            "complete -c lode -f",
        ]
        lines += globals.map { option($0, condition: "__lode_needs_command") }
        lines += commands.map { "complete -c lode -n __lode_needs_command -a \($0.name) -d \(escaped($0.summary))" }
        for c in commands {
            lines += c.options.map { option($0, condition: "__lode_using \(c.name)") }
            let first = "__lode_using \(c.name)" + (c.argumentRepeats ? "" : " first")
            switch c.firstArgument {
            case .words(let list): lines.append("complete -c lode -n \(escaped(first)) -a \(escaped(list.joined(separator: " ")))")
            case .files: lines.append("complete -c lode -n \(escaped(first)) -F")
            case .none, .free: break
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
