using PlComms.Delivery.Sending;

namespace PlComms.IntegrationTests.Delivery;

/// <summary>The sender contract, met by the outbox: the .eml files it wrote, parsed back with MimeKit.</summary>
public sealed class OutboxSenderContractTests : EmailSenderContractTests
{
    private readonly OutboxHarness _harness = new();

    protected override IEmailSender Sender => _harness.Sender;

    protected override Task<IReadOnlyList<DeliveredEmail>> DeliveredAsync() =>
        Task.FromResult<IReadOnlyList<DeliveredEmail>>([.. _harness.Messages().Select(DeliveredEmail.FromEml)]);

    public override Task InitializeAsync() => Task.CompletedTask;

    public override Task DisposeAsync()
    {
        _harness.Dispose();
        return Task.CompletedTask;
    }
}
