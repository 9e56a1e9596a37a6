using Microsoft.Extensions.DependencyInjection;
using PlComms.IntegrationTests.Campaigns;
using PlComms.Contacts;
using PlComms.IntegrationTests.Infrastructure;

namespace PlComms.IntegrationTests.Contacts;

/// <summary>
/// The planner's bounded id read gives the same ids as an unbounded one, whatever the reach: too short (it reads on past
/// the bound), about right, far too long, or at the end of the segment.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ContactIdReadTests(AppFixture fixture)
{
    [Fact]
    public async Task A_bounded_read_returns_exactly_the_ids_an_unbounded_read_returns()
    {
        var school = "ids-" + Guid.NewGuid().ToString("N")[..10];
        await PipelineRequests.SeedParentsAsync(fixture.Services, school, 60);
        var store = fixture.Services.GetRequiredService<ContactStore>();
        var filter = new ContactFilter(ContactRole.Parent, [school], [], []);
        var all = await store.NextIdsAsync(filter, null, 1000, CancellationToken.None);
        Assert.Equal(60, all.Count);

        var after = all[9];
        var expected = all.Skip(10).Take(20).ToList();
        var span = ContactIds.Distance(all[0], all[9]);
        foreach (var reach in new[] { UInt128.One, span / 4, span * 2, UInt128.MaxValue })
        {
            var read = await store.NextIdsAsync(filter, after, 20, CancellationToken.None, reach: reach);
            Assert.Equal(expected, read);
        }
        // Near the end: fewer left than asked, with a bound inside and past the last id.
        foreach (var reach in new[] { UInt128.One, span * 100 })
            Assert.Equal(all.Skip(50).ToList(), await store.NextIdsAsync(filter, all[49], 20, CancellationToken.None, reach: reach));
    }

    [Fact]
    public void Id_distance_and_advance_agree_and_saturate()
    {
        var a = "p" + new string('0', 31) + "a";
        var b = "p" + new string('0', 30) + "1a";
        Assert.Equal((UInt128)16, ContactIds.Distance(a, b));
        Assert.Equal(UInt128.Zero, ContactIds.Distance(b, a));
        Assert.Equal(b, ContactIds.Advance(a, 16));
        Assert.Equal("p" + new string('f', 32), ContactIds.Advance(b, UInt128.MaxValue));
    }
}
