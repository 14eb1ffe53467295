using Cohort.Web.Domain.Templates;
using Cohort.Web.Infrastructure.Auth;
using MediatR;

namespace Cohort.Web.Features.Templates;

public static class TemplateList
{
    [SignedIn]
    public sealed record Query : IRequest<IReadOnlyList<TemplateSummary>>;

    public sealed class Handler(TemplateCatalog catalog) : IRequestHandler<Query, IReadOnlyList<TemplateSummary>>
    {
        public Task<IReadOnlyList<TemplateSummary>> Handle(Query request, CancellationToken cancellationToken) =>
            Task.FromResult(catalog.List());
    }
}
