namespace Cohort.Web.Domain;

/// <summary>The range the working-day calendar covers; dates outside it are refused at input.</summary>
public static class Dates
{
    public static readonly DateOnly First = new(2000, 1, 1);

    /// <summary>The holiday rules are computed up to 2099; a schedule must end inside them.</summary>
    public static readonly DateOnly Last = new(2099, 12, 31);
}
