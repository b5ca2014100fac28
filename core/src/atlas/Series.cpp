// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/atlas/Series.h"

#include "common/JsonFields_p.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/atlas/SweepPlan.h"
#include "sparsescope/core/training/RunFolder.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <set>

namespace sparsescope::core {

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

bool isMemberFolder(const fs::path &folder)
{
    std::error_code ec;
    return fs::is_regular_file(folder / "model.pt", ec)
        && (fs::is_regular_file(folder / "run.json", ec)
            || fs::is_regular_file(folder / "stages.json", ec));
}

std::vector<std::pair<std::string, std::string>> knobsOf(const json &knobs,
                                                         const std::string &origin)
{
    std::vector<std::pair<std::string, std::string>> out;
    if (knobs.is_null())
        return out;
    if (!knobs.is_object())
        throw Error(origin, "\"knobs\" must be an object of name: value");
    for (const auto &item : knobs.items()) {
        if (!item.value().is_primitive() || item.value().is_null())
            throw Error(origin, "knob \"" + item.key() + "\" must be a number, string or boolean");
        out.emplace_back(item.key(), json_fields::dump(item.value()));
    }
    return out;
}

void findRunFolders(const fs::path &folder, int depth, std::vector<fs::path> &out)
{
    if (depth > 8)
        return;
    std::vector<fs::path> children;
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
        if (it->is_directory(ec) && !it->is_symlink(ec))
            children.push_back(it->path());
    std::sort(children.begin(), children.end());
    for (const auto &child : children) {
        if (isMemberFolder(child))
            out.push_back(child);
        else if (child.filename() != "checkpoints")
            findRunFolders(child, depth + 1, out);
    }
}

} // namespace

Series Series::fromJson(const std::string &text, const std::string &origin,
                        const std::string &baseDirectory)
{
    const json j = json_fields::parse(text, origin);
    if (!j.is_object())
        throw Error(origin, "a series must be a JSON object {name, members}");
    json_fields::checkKeys(j, {"name", "members"}, origin);
    Series series;
    json_fields::take(j, "name", series.name, origin);
    auto members = j.find("members");
    if (members == j.end() || !members->is_array() || members->empty())
        throw Error(origin, "a series needs a non-empty list \"members\"");
    std::set<std::string> ids;
    for (const auto &item : *members) {
        if (!item.is_object())
            throw Error(origin, "each member must be an object {label, series, path, knobs}");
        json_fields::checkKeys(item, {"label", "series", "path", "knobs"}, origin, " in a member");
        SeriesMember member;
        json_fields::take(item, "label", member.label, origin);
        json_fields::take(item, "series", member.series, origin);
        json_fields::take(item, "path", member.path, origin);
        if (member.path.empty())
            throw Error(origin, "a member needs a \"path\" (run folder or model file)");
        if (member.label.empty())
            member.label = fs::path(member.path).filename().string();
        if (member.series.empty())
            member.series = series.name.empty() ? "series" : series.name;
        if (fs::path(member.path).is_relative())
            member.path = (fs::path(baseDirectory) / member.path).lexically_normal().string();
        if (auto knobs = item.find("knobs"); knobs != item.end())
            member.knobs = knobsOf(*knobs, origin);
        if (!ids.insert(member.id()).second)
            throw Error(origin, "two members are called " + member.id());
        series.members.push_back(std::move(member));
    }
    return series;
}

Series Series::fromFile(const std::string &path)
{
    return fromJson(json_fields::readFile(path, "series file"), path,
                    fs::path(path).parent_path().string());
}

Series Series::scan(const std::string &directory)
{
    std::error_code ec;
    if (!fs::is_directory(directory, ec))
        throw Error(directory, "is not a folder");
    Series series;
    series.name = fs::absolute(directory).lexically_normal().filename().string();
    if (SweepPlan::isSweepFolder(directory)) {
        const auto plan = SweepPlan::read(directory);
        series.name = plan.name();
        for (std::size_t i = 0; i < plan.members().size(); ++i) {
            if (plan.state(i) != MemberState::Completed)
                continue;
            const auto &m = plan.members()[i];
            series.members.push_back({m.label, m.series, plan.memberDirectory(i), m.knobs});
        }
        if (series.members.empty())
            throw Error(directory, "no member of this sweep has completed yet",
                        "run it first: sparsescope-cli sweep run " + directory);
        return series;
    }
    std::vector<fs::path> folders;
    if (isMemberFolder(directory))
        folders.push_back(directory);
    else
        findRunFolders(directory, 0, folders);
    if (folders.empty())
        throw Error(directory, "holds no run folder (model.pt with run.json or stages.json)");
    for (const auto &folder : folders) {
        SeriesMember member;
        member.path = folder.string();
        const fs::path relative = folder.lexically_relative(directory);
        member.label
            = relative.empty() || relative == "." ? folder.filename().string() : relative.string();
        member.series = folder.parent_path().filename().string();
        if (member.series.empty() || relative.parent_path().empty())
            member.series = series.name;
        const fs::path memberJson = folder / "member.json";
        if (fs::is_regular_file(memberJson, ec)) {
            const json m = json_fields::parse(
                json_fields::readFile(memberJson.string(), "member file"), memberJson.string());
            if (m.is_object()) {
                json_fields::take(m, "label", member.label, memberJson.string());
                json_fields::take(m, "series", member.series, memberJson.string());
                if (m.contains("knobs"))
                    member.knobs = knobsOf(m["knobs"], memberJson.string());
            }
        }
        series.members.push_back(std::move(member));
    }
    return series;
}

Series Series::load(const std::string &reference)
{
    std::error_code ec;
    if (fs::is_directory(reference, ec))
        return scan(reference);
    if (!fs::exists(reference, ec))
        throw Error(reference, "no such series file or folder");
    return fromFile(reference);
}

std::string Series::toJson(const std::string &baseDirectory) const
{
    json list = json::array();
    const fs::path base = fs::absolute(baseDirectory).lexically_normal();
    for (const auto &member : members) {
        json knobs = json::object();
        for (const auto &[knob, value] : member.knobs)
            knobs[knob] = json::parse(value);
        const fs::path path = fs::absolute(member.path).lexically_normal();
        const fs::path relative = path.lexically_relative(base);
        list.push_back({{"label", member.label},
                        {"series", member.series},
                        {"path", relative.empty() ? path.string() : relative.string()},
                        {"knobs", knobs}});
    }
    return json_fields::dump(json {{"name", name}, {"members", list}}, 2) + "\n";
}

std::string Series::modelFile(const SeriesMember &member)
{
    std::error_code ec;
    if (fs::is_directory(member.path, ec))
        return (fs::path(member.path) / "model.pt").string();
    return member.path;
}

std::string Series::cacheDirectory(const SeriesMember &member)
{
    std::error_code ec;
    if (fs::is_directory(member.path, ec))
        return (fs::path(member.path) / "measures").string();
    const fs::path file(member.path);
    return (file.parent_path() / (file.stem().string() + ".measures")).string();
}

} // namespace sparsescope::core
