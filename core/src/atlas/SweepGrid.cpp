// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/atlas/SweepGrid.h"

#include "common/JsonFields_p.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/training/TrainConfig.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <set>

namespace sparsescope::core {

using nlohmann::json;

namespace {

constexpr std::size_t kMaxMembers = 100000;

/// A string or a list of strings.
std::vector<std::string> stringList(const json &value, const std::string &what,
                                    const std::string &origin)
{
    std::vector<std::string> out;
    if (value.is_string()) {
        out.push_back(value.get<std::string>());
    } else if (value.is_array()) {
        for (const auto &item : value) {
            if (!item.is_string())
                throw Error(origin, what + " must be a string or a list of strings");
            out.push_back(item.get<std::string>());
        }
    } else {
        throw Error(origin, what + " must be a string or a list of strings");
    }
    return out;
}

SweepAxis axisFromJson(const json &j, const std::string &origin)
{
    if (!j.is_object())
        throw Error(origin, "each axis must be an object {name, path | strength, values}");
    json_fields::checkKeys(j, {"name", "path", "strength", "values"}, origin, " in an axis");
    SweepAxis axis;
    json_fields::take(j, "name", axis.name, origin);
    if (axis.name.empty()
        || axis.name.find_first_not_of(
               "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.")
            != std::string::npos)
        throw Error(origin,
                    "an axis needs a name of letters, digits, '-' and '.' (got \"" + axis.name
                        + "\")");
    const std::string what = "axis \"" + axis.name + "\"";
    if (auto it = j.find("path"); it != j.end())
        axis.paths = stringList(*it, what + ": \"path\"", origin);
    if (auto it = j.find("strength"); it != j.end())
        axis.strengthTypes = stringList(*it, what + ": \"strength\"", origin);
    if (axis.paths.empty() && axis.strengthTypes.empty())
        throw Error(origin, what + " sets nothing",
                    "give \"path\" (JSON pointers) or \"strength\"");
    for (const auto &path : axis.paths)
        if (path.empty() || path.front() != '/')
            throw Error(origin, what + ": \"" + path + "\" is not a JSON pointer",
                        "write it like \"/seed\" or \"/stages/1/lr\"");
    auto values = j.find("values");
    if (values == j.end() || !values->is_array() || values->empty())
        throw Error(origin, what + " needs a non-empty list \"values\"");
    for (const auto &value : *values) {
        if (!value.is_primitive() || value.is_null())
            throw Error(origin, what + ": values must be numbers, strings or booleans");
        axis.values.push_back(json_fields::dump(value));
    }
    return axis;
}

json axisToJson(const SweepAxis &axis)
{
    json j = {{"name", axis.name}};
    if (!axis.paths.empty())
        j["path"] = axis.paths;
    if (!axis.strengthTypes.empty())
        j["strength"] = axis.strengthTypes;
    json values = json::array();
    for (const auto &value : axis.values)
        values.push_back(json::parse(value));
    j["values"] = values;
    return j;
}

/// Sets the strength of every term of `types` in `terms` (a regularization list); how many.
int setStrengths(json &terms, const std::vector<std::string> &types, const json &value)
{
    int count = 0;
    if (!terms.is_array())
        return 0;
    for (auto &term : terms)
        if (term.is_object() && term.contains("type") && term["type"].is_string()
            && std::find(types.begin(), types.end(), term["type"].get<std::string>())
                != types.end()) {
            term["strength"] = value;
            ++count;
        }
    return count;
}

/// Writes one axis value into `config`; core::Error when it matches nothing.
void applyAxis(json &config, const SweepAxis &axis, const json &value, const std::string &origin)
{
    for (const auto &path : axis.paths) {
        try {
            const json::json_pointer pointer(path);
            // The parent must exist: a typo in a path must not create a key nothing reads.
            if (!config.contains(pointer.parent_pointer()))
                throw Error(origin,
                            "axis \"" + axis.name + "\": the config has nothing at \""
                                + pointer.parent_pointer().to_string() + "\"");
            config[pointer] = value;
        } catch (const nlohmann::json::exception &e) {
            throw Error(origin,
                        "axis \"" + axis.name + "\": cannot write \"" + path + "\": " + e.what());
        }
    }
    if (axis.strengthTypes.empty())
        return;
    int count = 0;
    if (config.contains("regularization"))
        count += setStrengths(config["regularization"], axis.strengthTypes, value);
    if (config.contains("stages") && config["stages"].is_array())
        for (auto &stage : config["stages"])
            if (stage.is_object() && stage.contains("regularization"))
                count += setStrengths(stage["regularization"], axis.strengthTypes, value);
    if (count == 0) {
        std::string types;
        for (const auto &type : axis.strengthTypes)
            types += (types.empty() ? "" : ", ") + type;
        throw Error(origin,
                    "axis \"" + axis.name + "\": no regularization term of type " + types
                        + " in the config or its stages");
    }
}

} // namespace

std::string SweepGrid::valueLabel(const std::string &valueJson)
{
    const json value = json::parse(valueJson);
    std::string text = value.is_string() ? value.get<std::string>() : json_fields::dump(value);
    for (char &c : text)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '+')
            c = '-';
    return text;
}

std::vector<SweepMemberPlan> SweepGrid::expand(const std::string &origin) const
{
    const json baseJson = json_fields::parse(base, origin);
    std::vector<SweepSeries> all = series;
    if (all.empty())
        all.push_back(SweepSeries {name, "{}", {}});
    std::vector<SweepMemberPlan> members;
    std::set<std::string> folders;
    for (const auto &s : all) {
        json seriesBase = baseJson;
        seriesBase.merge_patch(json_fields::parse(s.patch, origin));
        std::vector<SweepAxis> seriesAxes = s.axes;
        seriesAxes.insert(seriesAxes.end(), axes.begin(), axes.end());
        std::size_t total = 1;
        for (const auto &axis : seriesAxes) {
            total *= axis.values.size();
            if (total > kMaxMembers)
                throw Error(origin,
                            "series \"" + s.name + "\" has more than " + std::to_string(kMaxMembers)
                                + " members");
        }
        for (std::size_t k = 0; k < total; ++k) {
            // Mixed radix: the last axis varies fastest.
            std::vector<std::size_t> index(seriesAxes.size());
            std::size_t rest = k;
            for (std::size_t a = seriesAxes.size(); a-- > 0;) {
                index[a] = rest % seriesAxes[a].values.size();
                rest /= seriesAxes[a].values.size();
            }
            SweepMemberPlan member;
            member.series = s.name;
            json config = seriesBase;
            for (std::size_t a = 0; a < seriesAxes.size(); ++a) {
                const auto &axis = seriesAxes[a];
                const std::string &value = axis.values[index[a]];
                applyAxis(config, axis, json::parse(value), origin);
                member.knobs.emplace_back(axis.name, value);
                member.label
                    += (member.label.empty() ? "" : "_") + axis.name + "=" + valueLabel(value);
            }
            if (member.label.empty())
                member.label = "dense";
            try {
                member.config = TrainConfig::fromJson(json_fields::dump(config), origin).toJson();
            } catch (const Error &e) {
                throw Error(origin, "member " + member.id() + ": " + e.problem(), e.hint());
            }
            if (!folders.insert(member.id()).second)
                throw Error(origin, "two members share the folder " + member.id(),
                            "give the series different names or the axes different values");
            members.push_back(std::move(member));
        }
    }
    return members;
}

std::string SweepGrid::toJson() const
{
    json j = {{"name", name}, {"base", json::parse(base)}};
    json shared = json::array();
    for (const auto &axis : axes)
        shared.push_back(axisToJson(axis));
    j["axes"] = shared;
    json list = json::array();
    for (const auto &s : series) {
        json item = {{"name", s.name}, {"patch", json::parse(s.patch)}};
        json own = json::array();
        for (const auto &axis : s.axes)
            own.push_back(axisToJson(axis));
        item["axes"] = own;
        list.push_back(item);
    }
    j["series"] = list;
    return json_fields::dump(j, 2);
}

SweepGrid SweepGrid::fromJson(const std::string &text, const std::string &origin)
{
    const json j = json_fields::parse(text, origin);
    if (!j.is_object())
        throw Error(origin, "a sweep grid must be a JSON object {name, base, axes, series}");
    json_fields::checkKeys(j, {"name", "base", "axes", "series"}, origin);
    SweepGrid grid;
    json_fields::take(j, "name", grid.name, origin);
    const auto folderName = [&origin](const std::string &name, const std::string &what) {
        if (name.empty() || name == "." || name == ".."
            || name.find_first_of("/\\") != std::string::npos)
            throw Error(origin,
                        what + " must be a non-empty name without slashes (got \"" + name + "\")");
    };
    folderName(grid.name, "\"name\"");
    auto base = j.find("base");
    if (base == j.end() || !base->is_object())
        throw Error(origin, "\"base\" must be a train config (a JSON object)");
    grid.base = json_fields::dump(*base);
    if (auto it = j.find("axes"); it != j.end()) {
        if (!it->is_array())
            throw Error(origin, "\"axes\" must be a list");
        for (const auto &axis : *it)
            grid.axes.push_back(axisFromJson(axis, origin));
    }
    if (auto it = j.find("series"); it != j.end()) {
        if (!it->is_array())
            throw Error(origin, "\"series\" must be a list");
        for (const auto &item : *it) {
            if (!item.is_object())
                throw Error(origin, "each series must be an object {name, patch, axes}");
            json_fields::checkKeys(item, {"name", "patch", "axes"}, origin, " in a series");
            SweepSeries s;
            json_fields::take(item, "name", s.name, origin);
            folderName(s.name, "a series' \"name\"");
            if (auto patch = item.find("patch"); patch != item.end()) {
                if (!patch->is_object())
                    throw Error(origin, "series \"" + s.name + "\": \"patch\" must be an object");
                s.patch = json_fields::dump(*patch);
            }
            if (auto axes = item.find("axes"); axes != item.end()) {
                if (!axes->is_array())
                    throw Error(origin, "series \"" + s.name + "\": \"axes\" must be a list");
                for (const auto &axis : *axes)
                    s.axes.push_back(axisFromJson(axis, origin));
            }
            grid.series.push_back(std::move(s));
        }
    }
    grid.expand(origin); // every member must be a valid config now, not hours later
    return grid;
}

SweepGrid SweepGrid::fromFile(const std::string &path)
{
    return fromJson(json_fields::readFile(path, "sweep grid"), path);
}

} // namespace sparsescope::core
