using System.ComponentModel.DataAnnotations;
using DigestWorker.Delivery.Record;

namespace DigestWorker.Tests.Delivery.Record;

public sealed class StateOptionsTests
{
    [Fact]
    public void Defaults_AreValid()
    {
        var options = new StateOptions();

        Assert.Equal(("State", "state/digests.db", TimeSpan.FromSeconds(5)), (StateOptions.SectionName, options.Path, options.BusyTimeout));
        Assert.Empty(Validate(options));
    }

    [Fact]
    public void Validate_EmptyPathAndZeroTimeout_ReportsBoth()
    {
        var errors = Validate(new StateOptions { Path = "", BusyTimeout = TimeSpan.Zero });

        Assert.Equal(["BusyTimeout", "Path"], errors.SelectMany(e => e.MemberNames).Order());
    }

    private static List<ValidationResult> Validate(StateOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
