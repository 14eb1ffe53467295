using System.Globalization;
using Cohort.Web.Domain;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Mail;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;

namespace Cohort.Web.Features.Users;

/// <summary>
/// "Forgot password": mails a one-time reset link to the address if an account has it. The answer is the same
/// whether or not it does, so the form cannot be used to find out who has an account.
/// </summary>
public static class RequestPasswordReset
{
    [Anyone]
    public sealed record Command(string Email) : IRequest;

    public sealed record ResetMail(string RecipientName, string Link);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Email).NotEmpty().MaximumLength(254).EmailAddress();
    }

    public sealed class Handler(UserManager<AppUser> users, IMailSender mail, MailTemplates templates, MailSettings settings, IConfiguration configuration, AuditTrail audit, ILogger<Handler> log)
        : IRequestHandler<Command, MediatR.Unit>
    {
        public async Task<MediatR.Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var user = await users.FindByEmailAsync(request.Email.Trim());
            await audit.RecordAsync("PasswordResetRequested", request.Email.Trim(), user?.Id, ct: cancellationToken);
            if (user is null || await users.IsLockedOutAsync(user) && user.LockoutEnd == DateTimeOffset.MaxValue)
            {
                return MediatR.Unit.Value;
            }

            var token = await users.GeneratePasswordResetTokenAsync(user);
            var appUrl = (configuration["Cohort:PublicUrl"] ?? "http://localhost:5000").TrimEnd('/');
            var link = $"{appUrl}/Account/ResetPassword?userId={user.Id}&token={Uri.EscapeDataString(token)}";
            var culture = user.Language == "en" ? "en" : "ja";
            var rendered = templates.Render("password-reset", culture, new ResetMail(user.DisplayName, link));
            try
            {
                await mail.SendAsync(OutgoingMail.FromRendered(rendered, user.Email!, user.DisplayName,
                    settings.MessageIdFor($"reset-{user.Id:N}-{Guid.NewGuid():N}"), culture), cancellationToken);
            }
            catch (MailDeliveryException e)
            {
                // Same answer to the person either way; the failure is for the operators.
                log.LogError(e, "Could not send the password reset mail to user {UserId}.", user.Id);
            }

            return MediatR.Unit.Value;
        }
    }
}
