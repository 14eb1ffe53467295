using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using ScalarEvent = YamlDotNet.Core.Events.Scalar;
using Tokens = YamlDotNet.Core.Tokens;

namespace Cohort.Web.Domain.Templates;

/// <summary>
/// A YAML document as nodes that remember where they were written. Built from parser events rather than
/// YamlDotNet's YamlStream because YamlStream stops at the first duplicate key, and we want every error.
/// </summary>
internal abstract record SourceNode(int Line, int Column);

internal sealed record SourceScalar(int Line, int Column, string Value, bool IsPlain) : SourceNode(Line, Column)
{
    /// <summary>An unquoted <c>null</c>, <c>~</c> or nothing at all.</summary>
    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";
}

internal sealed record SourceSequence(int Line, int Column, IReadOnlyList<SourceNode> Items) : SourceNode(Line, Column);

internal sealed record SourceMapping(int Line, int Column, IReadOnlyList<KeyValuePair<SourceScalar, SourceNode>> Entries)
    : SourceNode(Line, Column)
{
    public SourceNode? this[string key] => Entries.FirstOrDefault(e => e.Key.Value == key).Value;
}

internal static partial class SourceTree
{
    /// <summary>Reads the single document in <paramref name="yaml"/>; null when it is not well-formed YAML.</summary>
    /// <param name="expected">What the top-level mapping holds, named in the message for an empty file.</param>
    public static SourceNode? Read(string yaml, string file, List<TemplateError> errors, string expected)
    {
        var parser = new Parser(new StringReader(yaml));
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                errors.Add(new TemplateError(file, 1, 1, $"The file is empty; expected a mapping with {expected}."));
                return null;
            }

            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, file, errors);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var second))
            {
                errors.Add(At(file, second.Start, "A template file must hold exactly one YAML document; remove the second '---'."));
                return null;
            }

            return root;
        }
        catch (YamlException ex)
        {
            errors.Add(At(file, ex.Start, "YAML syntax error: " + SyntaxMessage(ex)));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this instead of a YamlException for some unclosed '{' or '['.
            errors.Add(UnclosedFlow(yaml, file));
            return null;
        }
    }

    /// <summary>Finds the '{' or '[' left open when the parser gave up without a position.</summary>
    private static TemplateError UnclosedFlow(string yaml, string fileName)
    {
        var scanner = new Scanner(new StringReader(yaml));
        var open = new Stack<Tokens.Token>();
        Mark last = Mark.Empty;
        try
        {
            while (scanner.MoveNext())
            {
                var token = scanner.Current!;
                last = token.Start;
                if (token is Tokens.FlowMappingStart or Tokens.FlowSequenceStart)
                {
                    open.Push(token);
                }
                else if (token is Tokens.FlowMappingEnd or Tokens.FlowSequenceEnd && open.Count > 0)
                {
                    open.Pop();
                }
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or YamlException)
        {
        }

        if (open.TryPeek(out var unclosed))
        {
            var (bracket, closing) = unclosed is Tokens.FlowMappingStart ? ('{', '}') : ('[', ']');
            return new TemplateError(fileName, (int)unclosed.Start.Line, (int)unclosed.Start.Column,
                $"YAML syntax error: this '{bracket}' is not closed; add '{closing}' before the line ends.");
        }

        return new TemplateError(fileName, (int)Math.Max(1, last.Line), (int)Math.Max(1, last.Column), "YAML syntax error: the file could not be read from here on.");
    }

    private static SourceNode ReadNode(IParser parser, string file, List<TemplateError> errors)
    {
        var current = parser.Current ?? throw new YamlException("Unexpected end of the YAML stream.");
        switch (current)
        {
            case ScalarEvent scalar:
                parser.MoveNext();
                return new SourceScalar(Line(scalar.Start), Column(scalar.Start), scalar.Value, scalar.Style == ScalarStyle.Plain);

            case SequenceStart start:
            {
                parser.MoveNext();
                var items = new List<SourceNode>();
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    items.Add(ReadNode(parser, file, errors));
                }

                return new SourceSequence(Line(start.Start), Column(start.Start), items);
            }

            case MappingStart start:
            {
                parser.MoveNext();
                var entries = new List<KeyValuePair<SourceScalar, SourceNode>>();
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var keyNode = ReadNode(parser, file, errors);
                    var value = ReadNode(parser, file, errors);
                    if (keyNode is not SourceScalar key)
                    {
                        errors.Add(new TemplateError(file, keyNode.Line, keyNode.Column, "Mapping keys must be plain names, not lists or mappings."));
                        continue;
                    }

                    var first = entries.FirstOrDefault(e => e.Key.Value == key.Value).Key;
                    if (first is not null)
                    {
                        errors.Add(new TemplateError(file, key.Line, key.Column,
                            $"Duplicate key '{key.Value}' (first defined at line {first.Line}); each key may appear once in a mapping."));
                        continue;
                    }

                    entries.Add(new(key, value));
                }

                return new SourceMapping(Line(start.Start), Column(start.Start), entries);
            }

            case AnchorAlias alias:
                // Aliases would let one edit silently change several places; templates spell every value out.
                throw new YamlException(alias.Start, alias.End, $"Aliases (*{alias.Value}) are not supported in templates; write the value out.");

            default:
                throw new YamlException(current.Start, current.End, $"Unexpected {current.GetType().Name}.");
        }
    }

    private static TemplateError At(string file, Mark mark, string message) => new(file, Line(mark), Column(mark), message);

    // Marks are 1-based already; Mark.Empty (0) appears only for errors without a position.
    private static int Line(Mark mark) => (int)Math.Max(1, mark.Line);

    private static int Column(Mark mark) => (int)Math.Max(1, mark.Column);

    // YamlException.Message starts with "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the position is reported separately.
    private static string SyntaxMessage(YamlException ex) => PositionPrefix().Replace(ex.Message, "").Trim();

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex PositionPrefix();
}
