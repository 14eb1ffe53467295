using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Cohort.Web.Features.Tokens;

public static class CreateToken
{
    [SignedIn]
    public sealed record Command(string Name, bool ReadOnly, int? ExpiresInDays) : IRequest<Result>;

    /// <summary>The secret is returned once and never stored.</summary>
    public sealed record Result(Guid Id, string Token, DateTime? ExpiresAt);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).NotEmpty().MaximumLength(100);
            RuleFor(c => c.ExpiresInDays).InclusiveBetween(1, 366);
        }
    }

    public sealed class Handler(CohortDbContext db, TimeProvider clock, CurrentUser user) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var secret = TokenSecrets.NewSecret();
            var token = new PersonalAccessToken
            {
                UserId = user.Id!.Value,
                Name = request.Name.Trim(),
                TokenHash = TokenSecrets.Hash(secret),
                Prefix = secret[..(TokenSecrets.Prefix.Length + 4)],
                ReadOnly = request.ReadOnly,
                CreatedAt = now,
                ExpiresAt = request.ExpiresInDays is { } days ? now.AddDays(days) : null,
            };
            db.PersonalAccessTokens.Add(token);
            await db.SaveChangesAsync(cancellationToken);
            return new Result(token.Id, secret, token.ExpiresAt);
        }
    }
}

public static class RevokeToken
{
    [SignedIn]
    public sealed record Command(Guid TokenId) : IRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.TokenId).NotEmpty();
    }

    public sealed class Handler(CohortDbContext db, TimeProvider clock, CurrentUser user) : IRequestHandler<Command, MediatR.Unit>
    {
        public async Task<MediatR.Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var token = await db.PersonalAccessTokens.SingleOrDefaultAsync(t => t.Id == request.TokenId && t.UserId == user.Id, cancellationToken)
                ?? throw new NotFoundException(nameof(PersonalAccessToken));
            token.RevokedAt ??= clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
            return MediatR.Unit.Value;
        }
    }
}

public static class TokenList
{
    [SignedIn]
    public sealed record Query : IRequest<IReadOnlyList<Item>>;

    public sealed record Item(Guid Id, string Name, string Prefix, bool ReadOnly, DateTime CreatedAt, DateTime? ExpiresAt, DateTime? LastUsedAt, DateTime? RevokedAt);

    public sealed class Handler(CohortDbContext db, CurrentUser user) : IRequestHandler<Query, IReadOnlyList<Item>>
    {
        public async Task<IReadOnlyList<Item>> Handle(Query request, CancellationToken cancellationToken) =>
            await db.PersonalAccessTokens.Where(t => t.UserId == user.Id)
                .OrderByDescending(t => t.CreatedAt)
                .Select(t => new Item(t.Id, t.Name, t.Prefix, t.ReadOnly, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt))
                .ToListAsync(cancellationToken);
    }
}
