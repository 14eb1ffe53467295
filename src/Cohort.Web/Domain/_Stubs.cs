// TEMPORARY: replaced when the calendar and templates branches merge.
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
