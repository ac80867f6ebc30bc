using MimeKit;
using StpCollector.Shared;

namespace StpCollector.Rounds;

/// <summary>A file the invitation carries, as the council would receive it.</summary>
internal sealed record PreviewAttachment(string Name, string ContentType, byte[] Content);

/// <summary>One council's invitation for a round not yet created: what its leads would receive.</summary>
internal sealed record InvitationPreview(
    CouncilRef Council, bool HasLead, string Subject, IReadOnlyList<string> To, string Text, string Html, IReadOnlyList<PreviewAttachment> Attachments);

/// <summary>
/// Builds the invitation a council would get from a round request, from the same checks and templates as the round's
/// opening, so staff read the letter before anything is stored. The round has no number yet: its reference shows as STP-R0.
/// </summary>
internal sealed class RoundInvitationPreview(RoundCreator creator, RoundMailBuilder mails)
{
    public async Task<(RoundPlan Plan, InvitationPreview Preview)> PreviewAsync(RoundRequest request, string? councilCode, CancellationToken cancellationToken)
    {
        var plan = await creator.PlanAsync(request, refuseMissingLeads: false, cancellationToken);
        return (plan, Build(plan, councilCode));
    }

    /// <summary>The invitation to the council named (it must be in the audience), or else to the first council with a lead.</summary>
    public InvitationPreview Build(RoundPlan plan, string? councilCode)
    {
        var council = string.IsNullOrWhiteSpace(councilCode)
            ? plan.Councils.FirstOrDefault(c => plan.Leads.ContainsKey(c.Code)) ?? plan.Councils[0]
            : plan.Councils.FirstOrDefault(c => c.Code.Equals(councilCode.Trim(), StringComparison.OrdinalIgnoreCase))
              ?? throw new NotFoundProblem($"{councilCode} is not in this round's audience ({plan.Audience}).", field: "council");
        var leads = plan.Leads.GetValueOrDefault(council.Code) ?? [];
        // A council without a lead is not invited; its letter is shown addressed to a sample lead.
        var addressed = leads.Count > 0 ? leads : [new RoundLead("Sample Lead", "lead@example.test")];
        var to = new RoundRecipient
        {
            CouncilCode = council.Code, CouncilName = council.Name, LeadName = addressed[0].Name, Email = addressed[0].Email, Leads = addressed,
        };
        var round = RoundCreator.Sample(plan.Questionnaire, plan.Title, plan.Opens, plan.Closes, plan.Audience);
        var message = mails.Build(RoundMailBuilder.Invitation, round, plan.Questionnaire, to);
        return new InvitationPreview(council, leads.Count > 0, message.Subject ?? "", message.To.Mailboxes.Select(m => m.ToString()).ToList(),
            message.TextBody ?? "", message.HtmlBody ?? "", message.Attachments.OfType<MimePart>().Select(Attachment).ToList());
    }

    private static PreviewAttachment Attachment(MimePart part)
    {
        using var bytes = new MemoryStream();
        part.Content?.DecodeTo(bytes);
        return new PreviewAttachment(part.FileName ?? "attachment", part.ContentType.MimeType, bytes.ToArray());
    }
}
