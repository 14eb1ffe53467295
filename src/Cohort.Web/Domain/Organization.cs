namespace Cohort.Web.Domain;

/// <summary>A municipality or other organisation that runs programmes (団体).</summary>
public sealed class Organization : Entity
{
    public required string Name { get; set; }

    public string? NameEn { get; set; }

    public List<TrainingProgram> Programs { get; } = [];
}
