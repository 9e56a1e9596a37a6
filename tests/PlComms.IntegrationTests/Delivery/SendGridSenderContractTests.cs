using PlComms.Delivery.Sending;

namespace PlComms.IntegrationTests.Delivery;

/// <summary>The sender contract, met by the SendGrid sender: what SendGrid builds from the requests it accepted.</summary>
public sealed class SendGridSenderContractTests : EmailSenderContractTests
{
    private SendGridHarness _harness = null!;

    protected override IEmailSender Sender => _harness.Sender;

    protected override Task<IReadOnlyList<DeliveredEmail>> DeliveredAsync() =>
        Task.FromResult<IReadOnlyList<DeliveredEmail>>([.. _harness.Fake.Requests.Where(r => r.WasAccepted).SelectMany(DeliveredEmail.FromSendGrid)]);

    public override async Task InitializeAsync() => _harness = await SendGridHarness.StartAsync();

    public override async Task DisposeAsync() => await _harness.DisposeAsync();
}
