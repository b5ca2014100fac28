// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/atlas/SweepPlan.h"

#include "common/CsvText_p.h"
#include "common/JsonFields_p.h"
#include "sparsescope/core/Error.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

namespace sparsescope::core {

using nlohmann::json;
namespace fs = std::filesystem;

const char *toString(MemberState state)
{
    switch (state) {
    case MemberState::Pending:
        return "pending";
    case MemberState::Running:
        return "running";
    case MemberState::Completed:
        return "completed";
    case MemberState::Cancelled:
        return "cancelled";
    case MemberState::Failed:
        break;
    }
    return "failed";
}

namespace {

json memberJson(const SweepMemberPlan &member)
{
    json knobs = json::object();
    for (const auto &[name, value] : member.knobs)
        knobs[name] = json::parse(value);
    return {{"series", member.series}, {"label", member.label}, {"knobs", knobs}};
}

std::string readText(const fs::path &path)
{
    return json_fields::readFile(path.string(), "file");
}

/// task.json of a member folder, or null when there is none (or it cannot be read: a task
/// killed while writing it counts as not finished).
json taskJson(const fs::path &folder)
{
    std::error_code ec;
    const fs::path path = folder / "task.json";
    if (!fs::exists(path, ec))
        return nullptr;
    try {
        return json_fields::parse(readText(path), path.string());
    } catch (const Error &) {
        return nullptr;
    }
}

/// The state a member's task.json (null when none) and folder say.
MemberState stateOf(const json &task, const fs::path &folder)
{
    if (!task.is_object() || !task.contains("state") || !task["state"].is_string())
        return MemberState::Pending;
    const auto state = task["state"].get<std::string>();
    std::error_code ec;
    if (state == "completed") // a task killed between its model and task.json has no model
        return fs::exists(folder / "model.pt", ec) ? MemberState::Completed : MemberState::Failed;
    if (state == "running")
        return MemberState::Running;
    if (state == "cancelled")
        return MemberState::Cancelled;
    return MemberState::Failed;
}

} // namespace

SweepPlan SweepPlan::write(const SweepGrid &grid, const std::string &directory)
{
    const auto members = grid.expand(directory);
    const fs::path root(directory);
    std::error_code ec;
    fs::create_directories(root / "members", ec);
    if (ec)
        throw Error(directory, "cannot create the sweep folder: " + ec.message());
    // Check every existing member before writing anything.
    for (const auto &member : members) {
        const fs::path train = root / "members" / member.series / member.label / "train.json";
        if (fs::exists(train, ec) && readText(train) != member.config + "\n")
            throw Error(train.string(),
                        "member " + member.id() + " was planned with another config",
                        "plan into a new sweep folder, or delete that member's folder");
    }
    json list = json::array();
    for (const auto &member : members) {
        const fs::path folder = root / "members" / member.series / member.label;
        fs::create_directories(folder, ec);
        if (ec)
            throw Error(folder.string(), "cannot create the member folder: " + ec.message());
        writeTextFile((folder / "train.json").string(), member.config + "\n");
        writeTextFile((folder / "member.json").string(),
                      json_fields::dump(memberJson(member), 2) + "\n");
        auto item = memberJson(member);
        item["id"] = member.id();
        list.push_back(item);
    }
    writeTextFile((root / "grid.json").string(), grid.toJson() + "\n");
    writeTextFile((root / "plan.json").string(),
                  json_fields::dump(json {{"name", grid.name}, {"members", list}}, 2) + "\n");
    return read(directory);
}

bool SweepPlan::isSweepFolder(const std::string &directory)
{
    std::error_code ec;
    return fs::is_regular_file(fs::path(directory) / "plan.json", ec);
}

SweepPlan SweepPlan::read(const std::string &directory)
{
    const std::string path = (fs::path(directory) / "plan.json").string();
    if (!isSweepFolder(directory))
        throw Error(directory, "is not a sweep folder (no plan.json)",
                    "create one with `sparsescope-cli sweep plan --grid GRID.json --out DIR`");
    const json j = json_fields::parse(json_fields::readFile(path, "sweep plan"), path);
    SweepPlan plan;
    plan.m_directory = directory;
    if (!j.is_object() || !j.contains("members") || !j["members"].is_array())
        throw Error(path, "malformed sweep plan (no member list)");
    json_fields::take(j, "name", plan.m_name, path);
    for (const auto &item : j["members"]) {
        if (!item.is_object() || !item.contains("knobs") || !item["knobs"].is_object())
            throw Error(path, "malformed sweep plan (a member without knobs)");
        SweepMemberPlan member;
        json_fields::take(item, "series", member.series, path);
        json_fields::take(item, "label", member.label, path);
        for (const auto &knob : item["knobs"].items())
            member.knobs.emplace_back(knob.key(), json_fields::dump(knob.value()));
        for (const std::string *part : {&member.series, &member.label})
            if (part->empty() || *part == "." || *part == ".."
                || part->find_first_of("/\\") != std::string::npos)
                throw Error(path, "malformed sweep plan (member \"" + member.id() + "\")");
        member.config = readText(fs::path(directory) / "members" / member.series / member.label
                                 / "train.json");
        while (!member.config.empty() && member.config.back() == '\n')
            member.config.pop_back();
        plan.m_members.push_back(std::move(member));
    }
    return plan;
}

std::string SweepPlan::memberDirectory(std::size_t index) const
{
    const auto &member = m_members.at(index);
    return (fs::path(m_directory) / "members" / member.series / member.label).string();
}

std::size_t SweepPlan::find(const std::string &reference) const
{
    for (std::size_t i = 0; i < m_members.size(); ++i)
        if (m_members[i].id() == reference)
            return i;
    if (!reference.empty() && reference.find_first_not_of("0123456789") == std::string::npos
        && reference.size() < 10 && std::stoul(reference) < m_members.size())
        return std::stoul(reference);
    std::string some;
    for (std::size_t i = 0; i < m_members.size() && i < 3; ++i)
        some += (some.empty() ? "" : ", ") + m_members[i].id();
    throw Error(m_directory, "has no member \"" + reference + "\"",
                "give an index 0.." + std::to_string(m_members.size()) + " (exclusive) or an id ("
                    + some + ", …)");
}

MemberState SweepPlan::state(std::size_t index) const
{
    const fs::path folder = memberDirectory(index);
    return stateOf(taskJson(folder), folder);
}

std::vector<std::size_t> SweepPlan::unfinished() const
{
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < m_members.size(); ++i)
        if (state(i) != MemberState::Completed)
            out.push_back(i);
    return out;
}

std::string SweepPlan::statusText() const
{
    std::string out;
    std::size_t done = 0;
    for (std::size_t i = 0; i < m_members.size(); ++i) {
        const fs::path folder = memberDirectory(i);
        const json task = taskJson(folder);
        const auto s = stateOf(task, folder);
        done += s == MemberState::Completed;
        char line[512];
        std::string seconds = "-";
        std::string message;
        if (task.is_object()) {
            if (task.contains("seconds") && task["seconds"].is_number())
                seconds = std::to_string(int(task["seconds"].get<double>() + 0.5)) + " s";
            if (task.contains("message") && task["message"].is_string())
                message = task["message"].get<std::string>();
        }
        std::snprintf(line, sizeof line, "%4zu  %-9s %-40s %8s  %s\n", i, toString(s),
                      m_members[i].id().c_str(), seconds.c_str(), message.c_str());
        out += line;
    }
    out += std::to_string(done) + " of " + std::to_string(m_members.size())
        + " members completed\n";
    return out;
}

} // namespace sparsescope::core
