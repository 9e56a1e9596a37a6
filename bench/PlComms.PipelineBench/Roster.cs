using System.Text;
using PlComms.Contacts;

namespace PlComms.PipelineBench;

/// <summary>A generated district: parents of 20 schools, half English and half Spanish, the shape of a real roster.</summary>
public static class Roster
{
    public static readonly string[] Grades = ["KG", "01", "02", "03", "04", "05", "06", "07", "08"];

    public static byte[] Csv(int rows)
    {
        var text = new StringBuilder(rows * 120);
        text.Append("email,role,given_name,family_name,schools,grades,language,external_id,student_ids\r\n");
        for (var i = 0; i < rows; i++)
        {
            text.Append("parent").Append(i).Append("@families.example.org,parent,Given").Append(i).Append(",Family")
                .Append(i % 997).Append(",School ").Append(i % 20).Append(',').Append(Grades[i % Grades.Length]).Append(',')
                .Append(i % 2 == 0 ? "en" : "es-MX").Append(",P-").Append(i).Append(",S-").Append(i).Append("\r\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static IEnumerable<ContactRecord> Records(int rows)
    {
        for (var i = 0; i < rows; i++)
        {
            var school = $"school-{i % 20}";
            yield return new ContactRecord(ContactRole.Parent, $"parent{i}@families.example.org", $"Given{i}", $"Family{i % 997}",
                [new SchoolRef(school, $"School {i % 20}")], [Grades[i % Grades.Length]], i % 2 == 0 ? "en" : "es-MX", $"P-{i}", ContactSource.Csv, [$"S-{i}"]);
        }
    }
}
