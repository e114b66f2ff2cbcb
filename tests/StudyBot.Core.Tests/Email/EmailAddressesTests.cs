using StudyBot.Core.Email;

namespace StudyBot.Core.Tests.Email;

public sealed class EmailAddressesTests
{
    [Theory]
    [InlineData("jane@example.com", "jane@example.com")]
    [InlineData("Jane.Doe+study@Example.COM", "Jane.Doe+study@example.com")]
    [InlineData("li.lei@mail.example.cn", "li.lei@mail.example.cn")]
    [InlineData("x@例子.中国", "x@例子.中国")]
    public void Plain_addresses_are_accepted_with_the_domain_lower_cased(string typed, string stored) =>
        Assert.Equal(stored, EmailAddresses.Normalize(typed));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("jane")]
    [InlineData("@example.com")]
    [InlineData("jane@")]
    [InlineData("jane@example")]
    [InlineData("jane@@example.com")]
    [InlineData("jane@exa@mple.com")]
    [InlineData("Jane <jane@example.com>")]
    [InlineData("<jane@example.com>")]
    [InlineData("\"Jane\" jane@example.com")]
    [InlineData("jane@example.com\r\nBcc: x@example.org")]
    [InlineData("jane@example.com\nBcc: x@example.org")]
    [InlineData("jane\u0000@example.com")]
    [InlineData("jane @example.com")]
    [InlineData("jane@example.com, x@example.org")]
    [InlineData("jane@example.com;x@example.org")]
    [InlineData("@route:jane@example.com")]
    [InlineData("group: jane@example.com;")]
    [InlineData("jane(comment)@example.com")]
    [InlineData(".jane@example.com")]
    [InlineData("ja..ne@example.com")]
    [InlineData("jane@-example.com")]
    [InlineData("jane@example..com")]
    [InlineData("jane@[127.0.0.1]")]
    [InlineData("jane@127.0.0.1")]
    public void Everything_else_is_refused(string? typed) => Assert.Null(EmailAddresses.Normalize(typed));

    [Fact]
    public void Length_limits_hold()
    {
        var local64 = new string('a', 64);
        var domain = $"{new string('b', 63)}.{new string('c', 63)}.{new string('d', 60)}.com";
        Assert.NotNull(EmailAddresses.Normalize($"{local64}@example.com"));
        Assert.Null(EmailAddresses.Normalize($"{local64}a@example.com")); // local part over 64
        Assert.Null(EmailAddresses.Normalize($"{new string('b', 64)}@{new string('c', 64)}.com")); // label over 63
        var tooLong = $"{local64}@{domain}";
        Assert.True(tooLong.Length > EmailAddresses.MaxLength);
        Assert.Null(EmailAddresses.Normalize(tooLong));
    }

    [Theory]
    [InlineData("jane.doe@example.com", "j***@example.com")]
    [InlineData("j@example.com", "j***@example.com")]
    [InlineData("李雷@example.cn", "李***@example.cn")]
    [InlineData("not-an-address", "***")]
    public void Masks_keep_only_the_first_character_and_the_domain(string address, string masked) =>
        Assert.Equal(masked, EmailAddresses.Mask(address));

    [Fact]
    public void Codes_are_six_digits_and_only_their_hash_matches()
    {
        var code = ConfirmationCodes.NewCode();
        var hash = ConfirmationCodes.Hash(code);

        Assert.True(ConfirmationCodes.LooksLikeCode(code));
        Assert.Equal(64, hash.Length);
        Assert.True(ConfirmationCodes.Matches(code, hash));
        Assert.False(ConfirmationCodes.Matches(code == "000000" ? "000001" : "000000", hash));
        Assert.False(ConfirmationCodes.LooksLikeCode("12345"));
        Assert.False(ConfirmationCodes.LooksLikeCode("１２３４５６")); // full-width digits are not a code
        Assert.Matches("^[A-Za-z0-9_-]{43}$", ConfirmationCodes.NewUnsubscribeToken());
    }
}
