// TEMPORARY: replaced when the calendar and templates branches merge.
namespace Cohort.Web.Domain.Templates
{
    public enum DeliverableType { None, Document, Prototype, Presentation, Assessment }
}

namespace Cohort.Web.Domain.Templates
{
    public sealed record LocalizedText(string Ja, string En) { public string For(System.Globalization.CultureInfo culture) => culture.TwoLetterISOLanguageName == "ja" ? Ja : En; }
    public sealed record ProgramTemplate(string Key, LocalizedText Title, LocalizedText Description, int CheckInCadenceWorkingDays, string TimeZone, IReadOnlyList<StageTemplate> Stages);
    public sealed record StageTemplate(string Key, LocalizedText Name, LocalizedText Description, int DurationWorkingDays, IReadOnlyList<MilestoneTemplate> Milestones, IReadOnlyList<RubricCriterionTemplate> Rubric);
    public sealed record MilestoneTemplate(string Key, LocalizedText Name, LocalizedText Description, int OffsetWorkingDays, DeliverableType Deliverable);
    public sealed record RubricCriterionTemplate(string Key, LocalizedText Name, LocalizedText Description, int MaxScore, int Weight);
    public sealed record TemplateError(string File, int Line, int Column, string Message);
    public sealed class TemplateLoadException : Exception { public IReadOnlyList<TemplateError> Errors { get; } = []; }
    public sealed record TemplateSummary(string Key, LocalizedText Title, LocalizedText Description, int StageCount);
    public sealed class TemplateCatalog
    {
        public TemplateCatalog(string templatesRoot) { _ = templatesRoot; }
        public IReadOnlyList<TemplateSummary> List() => [];
        public IReadOnlyList<TemplateError> Problems() => [];
        public ProgramTemplate Get(string key) => throw new KeyNotFoundException(key);
        public static string? FindTemplatesRoot(string startDirectory) => startDirectory;
    }
}

namespace Cohort.Web.Features.Participants
{
    public sealed record ParticipantCsvRow(int Row, string Name, string Email, string? Department, string? Team);
    public sealed record CsvCellError(int Row, string Column, string Message);
    public sealed record ParticipantCsvResult(IReadOnlyList<ParticipantCsvRow> Rows, IReadOnlyList<CsvCellError> Errors, string EncodingName) { public bool IsValid => Errors.Count == 0; }
    public static class ParticipantCsv
    {
        public const int MaxRows = 5000;
        public static ParticipantCsvResult Parse(Stream stream, Microsoft.Extensions.Localization.IStringLocalizer localizer) => throw new NotImplementedException();
    }
}
