using System.Security.Cryptography;
using System.Text;
using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Domain.Assessments;
using Microsoft.EntityFrameworkCore;

namespace Cohort.Web.Features.Demo;

/// <summary>
/// Self-assessments and e-learning activity for the demo: invented but plausible, and the same on every load (a fixed
/// seed). History is written directly, as an import of the platform's export and answers given on their due days would
/// have left it; the commands' time windows would refuse answers dated in the past.
/// </summary>
internal static class DemoLearning
{
    private static readonly (string Title, string Category, double Weight)[] Courses =
    [
        ("DX基礎講座 自治体DXとは", "DX基礎", 5),
        ("データ活用入門", "データ活用", 4),
        ("Excelで始めるデータ分析", "データ活用", 3),
        ("デザイン思考ワークショップ入門", "デザイン思考", 3),
        ("利用者インタビューの進め方", "デザイン思考", 2),
        ("アジャイル開発の基礎", "アジャイル", 2),
        ("kintone入門", "ローコード", 3),
        ("Power Apps入門", "ローコード", 2),
        ("情報セキュリティと個人情報保護", "セキュリティ", 4),
        ("生成AIの業務活用", "DX基礎", 3),
        ("プロジェクトマネジメント基礎", "プロジェクト管理", 2),
    ];

    public static async Task AddAsync(CohortDbContext db, SkillFrameworkCatalog catalog, Guid programId, DateOnly until, bool withPost, int seed, CancellationToken ct)
    {
        var program = await db.GetProgramWithScheduleAsync(programId, ct);
        if (program.AssessmentFrameworkKey is not { } key || !catalog.TryGet(key, out var framework))
        {
            return;
        }

        var windows = AssessmentWindow.For(program);
        var calendar = program.Calendar();
        var people = await db.Participants.Where(p => p.ProgramId == programId).OrderBy(p => p.Email).ToListAsync(ct);
        var random = new Random(seed);
        var import = new LearningActivityImport { ProgramId = programId, FileName = "elearning-export-demo.csv" };
        db.LearningActivityImports.Add(import);
        var totalWeight = Courses.Sum(c => c.Weight);

        foreach (var person in people)
        {
            var level = 1.7 + random.NextDouble() * 1.3;
            var effort = random.NextDouble();
            var gain = -0.4 + (0.9 * effort) + (random.NextDouble() * 1.2);
            foreach (var window in windows.Where(w => w.Phase == AssessmentPhase.Pre || withPost))
            {
                var shift = window.Phase == AssessmentPhase.Post ? gain : 0;
                var answered = calendar.AddWorkingDays(window.Due, -random.Next(0, 3));
                var assessment = new SelfAssessment
                {
                    ProgramId = programId,
                    ParticipantId = person.Id,
                    Phase = window.Phase,
                    FrameworkKey = framework.Key,
                    SubmittedAt = answered.ToDateTime(new TimeOnly(10 + random.Next(0, 7), random.Next(0, 60)), DateTimeKind.Utc).AddHours(-9),
                    Goals = window.Phase == AssessmentPhase.Pre ? "窓口の紙の手続きを減らし、住民と職員の手間を減らしたい。" : "学んだ進め方を課内の別の業務にも広げたい。",
                };
                foreach (var area in framework.Areas)
                {
                    foreach (var item in area.Items)
                    {
                        var rating = (int)Math.Round(level + shift + ((random.NextDouble() - 0.5) * 1.4), MidpointRounding.AwayFromZero);
                        assessment.Answers.Add(new SelfAssessmentAnswer { AreaKey = area.Key, ItemKey = item.Key, Rating = Math.Clamp(rating, SkillFramework.MinRating, SkillFramework.MaxRating) });
                    }
                }

                db.SelfAssessments.Add(assessment);
            }

            // Some learn on the bus with their phone; most at their desk.
            var phoneShare = random.NextDouble() * 0.5;
            var sequence = 0;
            for (var day = program.StartDate; day <= until; day = day.AddDays(1))
            {
                if (!calendar.IsWorkingDay(day) || random.NextDouble() > 0.08 + (0.3 * effort))
                {
                    continue;
                }

                var pick = random.NextDouble() * totalWeight;
                var course = Courses.First(c => (pick -= c.Weight) <= 0);
                var device = random.NextDouble() < phoneShare ? LearningDevice.Smartphone : random.NextDouble() < 0.05 ? LearningDevice.Tablet : LearningDevice.Pc;
                var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"demo|{person.Id}|{sequence++}")));
                db.LearningActivities.Add(new LearningActivity
                {
                    ProgramId = programId,
                    ParticipantId = person.Id,
                    ImportId = import.Id,
                    CourseTitle = course.Title,
                    Category = course.Category,
                    Minutes = 15 + (random.Next(0, 6) * 10),
                    Date = day,
                    Completed = random.NextDouble() < 0.3,
                    Device = device,
                    RowHash = hash,
                });
                import.Rows++;
                import.Added++;
            }
        }

        await db.SaveChangesAsync(ct);
    }
}
