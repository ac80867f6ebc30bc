using System.Text.RegularExpressions;
using MimeKit;
using StpCollector.Questionnaires;

namespace StpCollector.Ingestion;

/// <summary>
/// Finds reply-form answers ("Q3: yes", "Q3 - Partly", "Q3. Partly", the answer on the line after the question)
/// in a mail body, plain or HTML-only. What the officer wrote counts; what they quoted does not: "&gt;" lines,
/// "On … wrote:" and Outlook "From: … Sent: …" blocks and signatures are skipped. Officers who top-post are read
/// above the quote; officers who answer inline under each quoted question are read between the quoted lines.
/// A forwarded reply (forwarded by a colleague) is read inside the forwarded part when the forwarder wrote none.
/// The reply form in our mail frames the answers: its marker lines and our guidance ("Answer: Yes,
/// Partly or No", a question's help) are never answer text, and once the form holds an answer only its lines count.
/// </summary>
internal static partial class ReplyBodyReader
{
    public static string BodyText(MimeMessage message)
    {
        if (message.TextBody is { Length: > 0 } text)
            return text;
        return message.HtmlBody is { Length: > 0 } html ? HtmlText.ToText(html) : "";
    }

    public static ReturnCandidate Read(MimeMessage message, Questionnaire questionnaire, string provenance)
    {
        var candidate = new ReturnCandidate("email_body", provenance);
        var lines = BodyText(message).Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        var forwarded = Forwarded().IsMatch(message.Subject ?? "");
        var start = 0;
        while (start < lines.Length)
        {
            var (answers, next, isForward) = ReadSegment(lines, start, questionnaire, forwarded);
            if (answers.Count > 0)
            {
                candidate.Answers.AddRange(answers);
                break;
            }

            // Nothing written above a forward: the answers are in the forwarded message. Anything else below is quote.
            if (next < 0 || !isForward)
                break;
            start = next;
        }

        return candidate;
    }

    private enum Mode { Own, Inline }

    /// <summary>
    /// Reads from <paramref name="start"/> until a quote header. Returns the answers, where the next segment starts
    /// (after the header block, or -1) and whether that header introduces a forwarded message.
    /// </summary>
    private static (List<RawAnswer> Answers, int Next, bool Forward) ReadSegment(string[] lines, int start, Questionnaire questionnaire, bool forwardedSubject)
    {
        var answers = new List<RawAnswer>();
        var formAnswers = new List<RawAnswer>(); // answers written between the reply form's start and end lines
        var inForm = false;
        var mode = Mode.Own;
        Question? pending = null;   // a question whose answer is expected on the following own line(s)
        RawAnswer? open = null;      // a text answer that may continue on the next line
        var inSignature = false;
        for (var i = start; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            var quoted = QuotePrefix().Match(line);
            if (mode == Mode.Own && QuoteHeaders.ReplyHeaderAt(lines, i) is { } replyEnd)
            {
                // "On … wrote:": what follows is quote, with any inline answers between the quoted lines.
                mode = Mode.Inline;
                pending = null;
                open = null;
                inSignature = false;
                i = replyEnd;
                continue;
            }

            if (QuoteHeaders.ForwardHeaderAt(lines, i) is { } forwardEnd)
                return (Chosen(), forwardEnd + 1, true);
            if (QuoteHeaders.OutlookHeaderAt(lines, i) is { } outlookEnd)
                return (Chosen(), outlookEnd + 1, forwardedSubject);

            if (quoted.Success)
            {
                open = null;
                var text = line[quoted.Length..];
                if (FrameLine().IsMatch(text))
                    pending = null; // "> ----- END OF REPLY FORM -----": nothing after it answers the last question
                else if (Marker().Match(text) is { Success: true } quotedMarker && ReturnChecker.Resolve(questionnaire, quotedMarker.Groups["id"].Value) is { } quotedQuestion)
                    pending = quotedQuestion;
                else if (MatchesQuestionText(questionnaire, text) is { } byText)
                    pending = byText;
                continue;
            }

            if (line.Trim().Length == 0)
            {
                open = null;
                continue;
            }

            if (FrameLine().IsMatch(line))
            {
                // The form's start or end line (or a rule like it): it ends any answer and is never one.
                inForm = line.Contains(FormStart, StringComparison.OrdinalIgnoreCase);
                pending = null;
                open = null;
                continue;
            }

            if (IsGuidance(questionnaire, line))
                continue;

            var found = inForm ? formAnswers : answers;
            if (SignatureDelimiter().IsMatch(line) || (answers.Count + formAnswers.Count > 0 && SignOff().IsMatch(line)))
            {
                inSignature = true;
                pending = null;
                open = null;
                continue;
            }

            if (inSignature)
                continue;

            var marker = Marker().Match(line);
            if (marker.Success && ReturnChecker.Resolve(questionnaire, marker.Groups["id"].Value) is { } question)
            {
                var rest = AnswerAfterQuestion(questionnaire, question, marker.Groups["rest"].Value);
                if (rest.Length == 0)
                {
                    pending = question;
                    open = null;
                    continue;
                }

                open = Add(found, question, rest, i + 1);
                pending = null;
                continue;
            }

            if (pending is not null)
            {
                open = Add(found, pending, line.Trim(), i + 1);
                pending = null;
                continue;
            }

            if (mode == Mode.Own && MatchesQuestionText(questionnaire, line) is { } textQuestion)
            {
                var rest = AnswerAfterQuestion(questionnaire, textQuestion, line.Trim());
                if (rest.Length == 0)
                    pending = textQuestion;
                else
                    open = Add(found, textQuestion, rest, i + 1);
                continue;
            }

            if (open is not null && questionnaire.Find(open.QuestionKey)?.Type.IsFreeText == true)
            {
                // A free-text answer running over several lines, until a blank line.
                found[^1] = open = open with { Raw = open.Raw + "\n" + line.Trim() };
            }
        }

        return (Chosen(), -1, false);

        // A filled-in form is where the answers are; anything outside it is our mail pasted back, or chat.
        List<RawAnswer> Chosen() => formAnswers.Any(a => !string.IsNullOrWhiteSpace(a.Raw)) ? formAnswers : answers;
    }

    private static readonly string FormStart = ReplyFormMarkers.StartMarker.Trim('-', ' ');

    /// <summary>Our mail's own words under a question: "Answer: Yes, Partly or No", its help text, "(optional)".</summary>
    private static bool IsGuidance(Questionnaire questionnaire, string line)
    {
        var key = QuestionText.Key(line);
        return key.Length > 0 && (key == "optional" || KeysOf(questionnaire).Guidance.Contains(key));
    }

    /// <summary>
    /// A questionnaire's text keys, worked out once per questionnaire instead of for every line of every reply: the keys
    /// of its answer hints and help texts, and of each question's text.
    /// </summary>
    private sealed class TextKeys(Questionnaire questionnaire)
    {
        public HashSet<string> Guidance { get; } = questionnaire.Questions
            .SelectMany(q => q.Help is { } help ? [QuestionText.Key("Answer: " + q.AnswerHint), QuestionText.Key(help)] : new[] { QuestionText.Key("Answer: " + q.AnswerHint) })
            .ToHashSet(StringComparer.Ordinal);

        public Dictionary<Question, string> Text { get; } = KeyEach(questionnaire.Questions);

        private static Dictionary<Question, string> KeyEach(IEnumerable<Question> questions)
        {
            var keys = new Dictionary<Question, string>(ReferenceEqualityComparer.Instance);
            foreach (var question in questions)
                keys.TryAdd(question, QuestionText.Key(question.Text));
            return keys;
        }
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Questionnaire, TextKeys> Keys = new();

    private static TextKeys KeysOf(Questionnaire questionnaire) => Keys.GetValue(questionnaire, q => new TextKeys(q));

    private static string TextKeyOf(Questionnaire questionnaire, Question question) =>
        KeysOf(questionnaire).Text.TryGetValue(question, out var key) ? key : QuestionText.Key(question.Text);

    private static RawAnswer Add(List<RawAnswer> answers, Question question, string raw, int line)
    {
        var answer = new RawAnswer(question.Id, raw, line);
        answers.Add(answer);
        return answer;
    }

    /// <summary>The text after "Q3:", without a repeated question text or an answer hint in brackets.</summary>
    private static string AnswerAfterQuestion(Questionnaire questionnaire, Question question, string rest)
    {
        rest = rest.Trim();
        var key = TextKeyOf(questionnaire, question);
        var restKey = QuestionText.Key(rest);
        if (restKey.Length >= 12 && (key.StartsWith(restKey, StringComparison.Ordinal) || restKey.StartsWith(key[..Math.Min(key.Length, 30)], StringComparison.Ordinal)))
        {
            // The question repeated: the answer, if any, follows its question mark (or it is all question).
            var mark = rest.IndexOf('?');
            rest = mark >= 0 ? rest[(mark + 1)..].Trim() : "";
        }

        rest = Hint().Replace(rest, "").Trim();
        rest = AnswerLabel().Replace(rest, "").Trim();
        return rest;
    }

    private static Question? MatchesQuestionText(Questionnaire questionnaire, string line)
    {
        var key = QuestionText.Key(line);
        if (key.Length < 20)
            return null;
        return questionnaire.Questions.FirstOrDefault(q =>
        {
            var questionKey = TextKeyOf(questionnaire, q);
            return key.StartsWith(questionKey[..Math.Min(questionKey.Length, 40)], StringComparison.Ordinal);
        });
    }

    [GeneratedRegex(@"^\s*[*_]*(?<id>(?:Q|Question\s*)\d{1,3})[*_]*(?:\s*[:.)\-–—=]+\s*|\s+|$)(?<rest>.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex Marker();

    /// <summary>A line of dashes or equals signs, with or without words: the reply form's start and end lines.</summary>
    [GeneratedRegex(@"^\s*(?:-{3,}|={3,})(?:\s.*)?$")]
    private static partial Regex FrameLine();

    [GeneratedRegex(@"^(?:\s*>)+ ?")]
    private static partial Regex QuotePrefix();

    [GeneratedRegex(@"^(?:--\s*|Sent from my .*|Get Outlook for .*)$", RegexOptions.IgnoreCase)]
    private static partial Regex SignatureDelimiter();

    /// <summary>A sign-off ends the answers only once some were found ("Thanks," may also open a message).</summary>
    [GeneratedRegex(@"^(?:Kind regards|Best regards|Regards|Best wishes|Many thanks|Thanks|Thank you|Cheers)[,.!]?$", RegexOptions.IgnoreCase)]
    private static partial Regex SignOff();

    [GeneratedRegex(@"^(?:Fwd?|FW)\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex Forwarded();

    [GeneratedRegex(@"^[\(\[][^\)\]]*[\)\]]\s*[:\-–]?")]
    private static partial Regex Hint();

    [GeneratedRegex(@"^(?:answer|a)\s*[:\-–]\s*", RegexOptions.IgnoreCase)]
    private static partial Regex AnswerLabel();
}
