using System.Text;
using PlComms.Delivery;
using PlComms.Shared;

namespace PlComms.UnitTests.Delivery;

public class SendGridEventsTests
{
    // Shaped like the examples in SendGrid's Event Webhook reference, with our custom arg delivery_id at the top level
    // of each event, where SendGrid puts custom_args.
    private const string MixedBatch = """
        [
          {"email":"parent1@example.org","timestamp":1788264000,"smtp-id":"<14c5d75ce93.dfd.64b469@ismtpd-555>","event":"processed",
           "category":["survey"],"sg_event_id":"rbtnWrG1DVDGGGFHFyun0A==","sg_message_id":"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.000000000000000000000",
           "pool":{"name":"district","id":210},"delivery_id":"d-001"},
          {"email":"parent1@example.org","timestamp":1788264005,"smtp-id":"<14c5d75ce93.dfd.64b469@ismtpd-555>","event":"delivered",
           "category":["survey"],"sg_event_id":"rWVYmVk90MjZJ9iohOBa3w==","sg_message_id":"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0",
           "response":"250 OK","tls":1,"delivery_id":"d-001"},
          {"email":"parent2@example.org","timestamp":1788264010,"event":"deferred","sg_event_id":"t7LEShmowp86DTdUW8M-GQ==",
           "sg_message_id":"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.1","response":"400 try again later","attempt":"5","delivery_id":"d-002"},
          {"email":"gone@example.org","timestamp":1788264020,"event":"bounce","sg_event_id":"6g4ZI7SA-xmRDv57GoPIPw==",
           "sg_message_id":"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.2","reason":"550 5.1.1 The email account that you tried to reach does not exist.",
           "status":"5.1.1","type":"bounce","bounce_classification":"Invalid Address","delivery_id":"d-003"},
          {"email":"filtered@example.org","timestamp":1788264030,"event":"bounce","sg_event_id":"Bq9XvUh0Rde4zYs1c8mE2w==",
           "sg_message_id":"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.3","reason":"554 5.7.1 Message rejected as spam",
           "status":"5.7.1","type":"blocked","bounce_classification":"Content","delivery_id":"d-004"},
          {"email":"known-bounce@example.org","timestamp":1788264040,"event":"dropped","sg_event_id":"zmzJhfJgAfUSOW80yEbPyw==",
           "sg_message_id":"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.4","reason":"Bounced Address","status":"5.0.0","delivery_id":"d-005"},
          {"email":"annoyed@example.org","timestamp":1788264050,"event":"spamreport","sg_event_id":"37nvH5QBz858KGVYCM4uOA==",
           "sg_message_id":"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.5","delivery_id":"d-006"},
          {"email":"optout@example.org","timestamp":1788264060,"event":"unsubscribe","sg_event_id":"zz_BjPgU_5pS-J8vlfB1sg==",
           "sg_message_id":"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.6","delivery_id":"d-007"},
          {"email":"group-optout@example.org","timestamp":1788264070,"event":"group_unsubscribe","sg_event_id":"ahSCB7xYcXFb-hEaawsPRw==",
           "sg_message_id":"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.7","useragent":"Mozilla/5.0","ip":"255.255.255.255",
           "url":"https://district.example.org/u","asm_group_id":10,"delivery_id":"d-008"},
          {"email":"parent1@example.org","timestamp":1788264080,"event":"open","sg_event_id":"FOTFFO0ecsBE-zxFXfs6WA==",
           "sg_message_id":"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0","useragent":"Mozilla/5.0","ip":"255.255.255.255",
           "sg_machine_open":false,"delivery_id":"d-001"},
          {"email":"parent1@example.org","timestamp":1788264090,"event":"click","sg_event_id":"kCAi1KttyQdEKHhdC-nuEA==",
           "sg_message_id":"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0","useragent":"Mozilla/5.0","ip":"255.255.255.255",
           "url":"https://district.example.org/s/abc","url_offset":{"index":0,"type":"html"},"delivery_id":"d-001"},
          {"email":"parent1@example.org","timestamp":1788264100,"event":"group_resubscribe","sg_event_id":"w_u0vJhLT-OFfprar5N93g==",
           "sg_message_id":"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0","asm_group_id":10,"delivery_id":"d-001"},
          {"email":"parent1@example.org","timestamp":1788264110,"event":"something_new","sg_event_id":"Xn3w2Yc1QkqfS0b8z7l9Lw=="}
        ]
        """;

    [Fact]
    public void A_mixed_batch_parses_every_event_with_its_fields()
    {
        var batch = SendGridEvents.Parse(MixedBatch);

        Assert.False(batch.IsRejected);
        Assert.Empty(batch.Problems);
        Assert.Equal(
            ["processed", "delivered", "deferred", "bounce", "bounce", "dropped", "spamreport", "unsubscribe", "group_unsubscribe", "open", "click", "group_resubscribe", "something_new"],
            batch.Events.Select(e => e.EventType));

        var hard = batch.Events[3];
        Assert.Equal(new SendGridEvent(
            "6g4ZI7SA-xmRDv57GoPIPw==", "bounce", "gone@example.org", DateTimeOffset.FromUnixTimeSeconds(1788264020),
            "14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.2", "bounce", "Invalid Address",
            "550 5.1.1 The email account that you tried to reach does not exist.", "5.1.1", "d-003"), hard);
        Assert.Equal("blocked", batch.Events[4].BounceType);
        Assert.Null(batch.Events[12].DeliveryId);
    }

    [Fact]
    public void Each_event_type_in_the_mixed_batch_maps_to_its_flag_and_suppression()
    {
        var effects = SendGridEvents.Parse(MixedBatch).Events.Select(e => (e.EventType, e.BounceType, Effect: SendGridEvents.EffectOf(e))).ToList();

        var all = new ImpliedSuppression(SuppressionReason.HardBounce, ImpliedScope.AllStreams);
        Assert.Equal(
            [
                new(DeliveryFlag.Processed, null),
                new(DeliveryFlag.Delivered, null),
                new(DeliveryFlag.Deferred, null),
                new(DeliveryFlag.Bounced, all),
                new(DeliveryFlag.Blocked, null),
                new(DeliveryFlag.Dropped, null),
                new(DeliveryFlag.SpamReport, new ImpliedSuppression(SuppressionReason.SpamReport, ImpliedScope.AllStreams)),
                new(DeliveryFlag.Unsubscribed, new ImpliedSuppression(SuppressionReason.Unsubscribed, ImpliedScope.DeliveryStream)),
                new(DeliveryFlag.Unsubscribed, new ImpliedSuppression(SuppressionReason.Unsubscribed, ImpliedScope.DeliveryStream)),
                new(DeliveryFlag.Opened, null),
                new(DeliveryFlag.Clicked, null),
                DeliveryEventEffect.None,
                DeliveryEventEffect.None,
            ],
            effects.Select(e => e.Effect));
        Assert.Equal(2, effects.Count(e => e.Effect.IsIgnored));
    }

    [Theory]
    [InlineData("Processed", DeliveryFlag.Processed)]
    [InlineData("BOUNCE", DeliveryFlag.Bounced)]
    [InlineData("SpamReport", DeliveryFlag.SpamReport)]
    public void Event_types_match_whatever_their_case(string eventType, DeliveryFlag flag)
    {
        Assert.Equal(flag, SendGridEvents.EffectOf(Event(eventType)).Flag);
    }

    [Fact]
    public void A_bounce_without_a_type_field_is_a_hard_bounce_and_a_blocked_type_is_matched_whatever_its_case()
    {
        Assert.Equal(SuppressionReason.HardBounce, SendGridEvents.EffectOf(Event("bounce")).Suppression?.Reason);
        Assert.Equal(DeliveryEventEffect.None with { Flag = DeliveryFlag.Blocked }, SendGridEvents.EffectOf(Event("bounce") with { BounceType = "Blocked" }));
    }

    [Fact]
    public void All_stream_suppressions_cover_every_stream_and_unsubscribes_only_the_deliverys_stream()
    {
        var hard = SendGridEvents.EffectOf(Event("bounce")).Suppression!;
        var unsubscribe = SendGridEvents.EffectOf(Event("group_unsubscribe")).Suppression!;

        Assert.Equal([MessageStream.Surveys, MessageStream.Announcements], hard.StreamsFor(MessageStream.Announcements));
        Assert.Equal([MessageStream.Announcements], unsubscribe.StreamsFor(MessageStream.Announcements));
    }

    [Fact]
    public void Suppression_reasons_have_the_documented_wire_names()
    {
        Assert.Equal(
            ["unsubscribed", "hard-bounce", "spam-report", "manual"],
            Enum.GetValues<SuppressionReason>().Select(WireName<SuppressionReason>.Of));
    }

    [Fact]
    public void Items_without_an_event_id_or_type_and_items_that_are_not_objects_are_skipped_and_reported_by_position()
    {
        var batch = SendGridEvents.Parse("""
            [
              {"sg_event_id":"a1","event":"delivered","email":"x@example.org","delivery_id":"d-1"},
              {"event":"delivered","email":"x@example.org"},
              {"sg_event_id":"","event":"delivered"},
              {"sg_event_id":"a4"},
              {"sg_event_id":"a5","event":null},
              {"sg_event_id":42,"event":"open"},
              "delivered",
              [],
              null,
              {"sg_event_id":"a10","event":"open"}
            ]
            """);

        Assert.False(batch.IsRejected);
        Assert.Equal(["a1", "a10"], batch.Events.Select(e => e.EventId));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], batch.Problems.Select(p => p.Index));
        Assert.Contains("no sg_event_id", batch.Problems[0].Problem);
        Assert.Contains("no event type", batch.Problems[2].Problem);
        Assert.Contains("not a JSON object", batch.Problems[5].Problem);
        Assert.All(batch.Problems, p => Assert.DoesNotContain("example.org", p.Problem));
    }

    [Fact]
    public void Over_long_or_control_character_event_ids_are_skipped()
    {
        var batch = SendGridEvents.Parse($$"""
            [{"sg_event_id":"{{new string('a', SendGridEvents.MaxEventIdLength + 1)}}","event":"open"},
             {"sg_event_id":"a\u0001b","event":"open"},
             {"sg_event_id":"{{new string('a', SendGridEvents.MaxEventIdLength)}}","event":"open"}]
            """);

        Assert.Single(batch.Events);
        Assert.Equal([0, 1], batch.Problems.Select(p => p.Index));
    }

    [Theory]
    [InlineData("\"1788264000\"", 1788264000L)]
    [InlineData("1788264000", 1788264000L)]
    [InlineData("1788264000.5", null)]
    [InlineData("-5", null)]
    [InlineData("\"soon\"", null)]
    [InlineData("99999999999999999999", null)]
    [InlineData("{}", null)]
    public void Timestamps_are_unix_seconds_as_a_number_or_numeric_string_and_anything_else_is_left_out(string json, long? seconds)
    {
        var parsed = SendGridEvents.Parse($$"""[{"sg_event_id":"a","event":"open","timestamp":{{json}}}]""").Events.Single();

        Assert.Equal(seconds is null ? null : DateTimeOffset.FromUnixTimeSeconds(seconds.Value), parsed.Timestamp);
    }

    [Theory]
    [InlineData("\"has space\"")]
    [InlineData("\"parent@example.org\"")]
    [InlineData("42")]
    [InlineData("\"\"")]
    public void A_delivery_id_that_is_not_an_opaque_id_string_is_left_out(string json)
    {
        var parsed = SendGridEvents.Parse($$"""[{"sg_event_id":"a","event":"open","delivery_id":{{json}}}]""").Events.Single();

        Assert.Null(parsed.DeliveryId);
    }

    [Fact]
    public void Long_reasons_are_cut_and_long_identifiers_are_left_out()
    {
        var parsed = SendGridEvents.Parse($$"""
            [{"sg_event_id":"a","event":"bounce","reason":"{{new string('r', 5000)}}","email":"{{new string('e', 400)}}@example.org"}]
            """).Events.Single();

        Assert.Equal(1000, parsed.Reason!.Length);
        Assert.Null(parsed.Email);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{}")]
    [InlineData("{\"event\":\"open\"}")]
    [InlineData("\"[]\"")]
    [InlineData("[")]
    [InlineData("[{\"sg_event_id\":\"a\",\"event\":\"open\"}")]
    [InlineData("[{\"sg_event_id\":\"a\",\"event\":\"open\"},]")]
    [InlineData("[] []")]
    [InlineData("[]x")]
    [InlineData("[/* comment */]")]
    [InlineData("[{'sg_event_id':'a'}]")]
    public void A_body_that_is_not_a_json_array_is_refused_whole_without_throwing(string json)
    {
        var batch = SendGridEvents.Parse(json);

        Assert.True(batch.IsRejected);
        Assert.Empty(batch.Events);
        Assert.Empty(batch.Problems);
    }

    [Fact]
    public void A_body_with_invalid_utf8_is_refused_whole_without_throwing()
    {
        var body = Encoding.UTF8.GetBytes("""[{"sg_event_id":"a","event":"open","email":"X"}]""");
        body[Array.IndexOf(body, (byte)'X')] = 0xFF;

        Assert.True(SendGridEvents.Parse(body).IsRejected);
    }

    [Fact]
    public void An_empty_array_and_a_body_with_a_byte_order_mark_are_accepted()
    {
        Assert.Empty(SendGridEvents.Parse("[]").Events);
        var withBom = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("""[{"sg_event_id":"a","event":"open"}]""")).ToArray();
        Assert.Single(SendGridEvents.Parse(withBom).Events);
    }

    [Fact]
    public void Ten_thousand_events_are_accepted_and_one_more_refuses_the_whole_body()
    {
        static string Batch(int count) =>
            "[" + string.Join(',', Enumerable.Range(0, count).Select(i => $$"""{"sg_event_id":"e{{i}}","event":"open"}""")) + "]";

        Assert.Equal(SendGridEvents.MaxEventsPerRequest, SendGridEvents.Parse(Batch(SendGridEvents.MaxEventsPerRequest)).Events.Count);
        var over = SendGridEvents.Parse(Batch(SendGridEvents.MaxEventsPerRequest + 1));
        Assert.True(over.IsRejected);
        Assert.Empty(over.Events);
    }

    [Fact]
    public void Deeply_nested_input_is_refused_without_throwing()
    {
        var json = "[" + new string('[', 10_000) + new string(']', 10_000) + "]";

        Assert.True(SendGridEvents.Parse(json).IsRejected);
    }

    [Fact]
    public void Printing_an_event_leaves_out_the_recipients_address()
    {
        var printed = SendGridEvents.Parse(MixedBatch).Events[3].ToString();

        Assert.Contains("6g4ZI7SA-xmRDv57GoPIPw==", printed);
        Assert.DoesNotContain("gone@example.org", printed);
    }

    private static SendGridEvent Event(string type) => new("id", type, null, null, null, null, null, null, null, "d-1");
}
