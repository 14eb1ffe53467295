using System.Reflection;
using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Infrastructure.Mediation;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Cohort.UnitTests.Conventions;

public sealed class MediatorConventionsTests
{
    private static readonly Assembly Web = typeof(MediatorRegistration).Assembly;

    private static readonly Type[] Concrete = Web.GetTypes()
        .Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false })
        .ToArray();

    /// <summary>Each request with the response it promises; a void command is IRequest, i.e. IRequest&lt;Unit&gt;.</summary>
    private static readonly (Type Request, Type Response)[] Requests = Concrete
        .SelectMany(t => ClosedInterfaces(t, typeof(IRequest<>)).Select(i => (Request: t, Response: i.GenericTypeArguments[0])))
        .ToArray();

    private static readonly Type[] Commands = Requests.Select(r => r.Request).Where(t => t.Name == "Command").Distinct().ToArray();

    [Fact]
    public void Every_request_has_exactly_one_handler()
    {
        Assert.NotEmpty(Requests);
        var offenders = Requests
            .Select(r =>
            {
                var contract = typeof(IRequestHandler<,>).MakeGenericType(r.Request, r.Response);
                var handlers = Concrete.Where(t => t.GetInterfaces().Contains(contract)).Select(Describe).ToList();
                return (r.Request, r.Response, Handlers: handlers);
            })
            .Where(r => r.Handlers.Count != 1)
            .Select(r => $"{Describe(r.Request)} → {Describe(r.Response)} has {r.Handlers.Count} handler(s) [{string.Join(", ", r.Handlers)}]")
            .ToList();

        Assert.True(offenders.Count == 0, "Requests without exactly one IRequestHandler<TRequest, TResponse>:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void Every_command_has_a_validator()
    {
        Assert.NotEmpty(Commands);
        var offenders = Commands
            .Where(c => !Concrete.Any(t => t.GetInterfaces().Contains(typeof(IValidator<>).MakeGenericType(c))))
            .Select(Describe)
            .ToList();

        Assert.True(offenders.Count == 0, "Commands without a FluentValidation validator (add a Validator : AbstractValidator<Command> beside it): " + string.Join(", ", offenders));
    }

    [Fact]
    public void Commands_are_records()
    {
        Assert.NotEmpty(Commands);
        var offenders = Commands.Where(c => !IsRecord(c)).Select(Describe).ToList();

        Assert.True(offenders.Count == 0, "Commands that are not records: " + string.Join(", ", offenders));
    }

    [Fact]
    public void Commands_carry_ids_and_values_never_entities()
    {
        Assert.NotEmpty(Commands);
        using var context = new SqliteDesignTimeFactory().CreateDbContext([]);
        var mapped = context.Model.GetEntityTypes().Where(e => !e.HasSharedClrType).Select(e => e.ClrType).ToHashSet();
        bool IsEntity(Type t) => typeof(Entity).IsAssignableFrom(t) || t == typeof(AppUser) || t == typeof(PersonalAccessToken) || mapped.Contains(t);

        var offenders = Commands.SelectMany(c => EntityPaths(c, Describe(c), IsEntity, [])).ToList();

        Assert.True(offenders.Count == 0, "Commands must carry ids and plain values, not EF entities (pass the id and load it in the handler):\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void AddCohortMediator_registers_every_handler()
    {
        var missing = Unregistered(typeof(IRequestHandler<,>));

        Assert.True(missing.Count == 0, "Handlers that AddCohortMediator does not register: " + string.Join(", ", missing));
    }

    [Fact]
    public void AddCohortMediator_registers_every_validator()
    {
        var missing = Unregistered(typeof(IValidator<>));

        Assert.True(missing.Count == 0, "Validators that AddCohortMediator does not register (the validation behavior would skip them): " + string.Join(", ", missing));
    }

    private static List<string> Unregistered(Type openContract)
    {
        var services = new ServiceCollection().AddCohortMediator(Web);
        var implementations = Concrete
            .SelectMany(t => ClosedInterfaces(t, openContract).Select(contract => (Contract: contract, Implementation: t)))
            .ToList();

        Assert.NotEmpty(implementations);
        return implementations
            .Where(x => !services.Any(d => d.ServiceType == x.Contract && d.ImplementationType == x.Implementation))
            .Select(x => $"{Describe(x.Implementation)} as {Describe(x.Contract)}")
            .ToList();
    }

    /// <summary>Where an entity hides in a command: a property, an element of a list, a field of a nested record.</summary>
    private static IEnumerable<string> EntityPaths(Type type, string path, Func<Type, bool> isEntity, HashSet<Type> seen)
    {
        if (isEntity(type))
        {
            return [$"{path}: {Describe(type)}"];
        }

        if (!seen.Add(type))
        {
            return [];
        }

        var inner = type.GenericTypeArguments.Select(a => (Type: a, Path: $"{path}<{a.Name}>"));
        if (type.GetElementType() is { } element)
        {
            inner = inner.Append((element, path + "[]"));
        }

        if (type.Assembly == Web)
        {
            inner = inner.Concat(type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => (p.PropertyType, $"{path}.{p.Name}")));
        }

        return inner.SelectMany(x => EntityPaths(x.Type, x.Path, isEntity, seen)).ToList();
    }

    private static IEnumerable<Type> ClosedInterfaces(Type type, Type openGeneric) =>
        type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == openGeneric);

    /// <summary>Class and struct records both get a compiler-generated PrintMembers; ordinary types do not.</summary>
    private static bool IsRecord(Type type) =>
        type.GetMethod("PrintMembers", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, [typeof(System.Text.StringBuilder)])
            ?.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute)) == true;

    private static string Describe(Type type)
    {
        var tick = type.Name.IndexOf('`', StringComparison.Ordinal);
        var name = tick < 0 ? type.Name : $"{type.Name[..tick]}<{string.Join(", ", type.GenericTypeArguments.Select(Describe))}>";
        return type.DeclaringType is { } outer ? $"{Describe(outer)}.{name}" : name;
    }
}
