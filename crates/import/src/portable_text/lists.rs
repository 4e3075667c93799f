//! Portable Text lists: list items are flat blocks, each with a kind (`listItem`) and a `level`;
//! a run of them becomes one list block, nested by level.

use broadsheet::Path;
use crate::article_json::{block, Notes, string};
use broadsheet::json::{ObjectBuilder, Value};

/// One list item block: its text (inline Markdown), kind and level.
pub(super) struct Entry {
    pub text: String,
    pub ordered: bool,
    pub level: usize,
}

/// A list being built from consecutive list item blocks.
pub(super) struct ListRun {
    /// Every list of the run; the first is the top-level list, the others hang from items.
    lists: Vec<List>,
    /// The open lists, outermost first: each with the source level of its items.
    open: Vec<Open>,
    max_depth: usize,
}

struct List {
    ordered: bool,
    items: Vec<Item>,
}

struct Item {
    text: String,
    /// The list nested under the item, an index into `lists`.
    list: Option<usize>,
}

struct Open {
    level: usize,
    list: usize,
}

impl ListRun {
    /// A list whose first item is `entry`; lists nest at most `max_depth` deep.
    pub fn start(entry: Entry, max_depth: usize) -> Self {
        let list = List { ordered: entry.ordered, items: vec![Item { text: entry.text, list: None }] };
        ListRun { lists: vec![list], open: vec![Open { level: entry.level, list: 0 }], max_depth: max_depth.max(1) }
    }

    /// Whether `entry` belongs to this list: a nested item does; a top-level one only when it
    /// is of the same kind (bulleted or numbered), else it starts a list of its own.
    pub fn continues(&self, entry: &Entry) -> bool {
        let top_level = self.open.first().map_or(1, |open| open.level);
        entry.level > top_level || self.lists.first().is_some_and(|list| list.ordered == entry.ordered)
    }

    /// Adds `entry` (the block at `at`) under the last item of a lower level, or beside the last
    /// of its own.
    pub fn add(&mut self, entry: Entry, at: &Path, notes: &mut Notes) {
        while self.open.len() > 1 && self.open.last().is_some_and(|open| open.level > entry.level) {
            self.open.pop();
        }
        // An item shallower than the first joins the top-level list.
        if let [top] = self.open.as_mut_slice() {
            top.level = top.level.min(entry.level);
        }
        let Some(deepest) = self.open.last() else { return };
        let (deepest_level, deepest_list) = (deepest.level, deepest.list);
        let mut list = deepest_list;
        if entry.level > deepest_level {
            if self.open.len() >= self.max_depth {
                let message = format!(
                    "lists nest at most {} levels (limits.max_list_depth); this level {} item is written at level {}",
                    self.max_depth, entry.level, self.max_depth
                );
                notes.add(at, message);
            } else {
                if entry.level > deepest_level + 1 {
                    let message = format!(
                        "the list jumps from level {deepest_level} to level {}; the item is nested one level under the item before it",
                        entry.level
                    );
                    notes.add(at, message);
                }
                list = self.nested_list(deepest_list, entry.ordered);
                self.open.push(Open { level: entry.level, list });
            }
        }
        let Some(target) = self.lists.get_mut(list) else { return };
        if target.ordered != entry.ordered && !target.items.is_empty() {
            let (kind, theirs) = if entry.ordered { ("numbered", "bulleted") } else { ("bulleted", "numbered") };
            notes.add(at, format!("a {kind} item among {theirs} ones at the same level joins their {theirs} list"));
        }
        target.items.push(Item { text: entry.text, list: None });
    }

    /// The list under the last item of `parent`, made when there is none yet.
    fn nested_list(&mut self, parent: usize, ordered: bool) -> usize {
        let new = self.lists.len();
        let Some(item) = self.lists.get_mut(parent).and_then(|list| list.items.last_mut()) else { return parent };
        match item.list {
            Some(existing) => existing,
            None => {
                item.list = Some(new);
                self.lists.push(List { ordered, items: Vec::new() });
                new
            }
        }
    }

    /// The list block.
    pub fn finish(self) -> Value<'static> {
        let mut list = block("list");
        let top = self.lists.first();
        if top.is_some_and(|top| top.ordered) {
            list.set("ordered", Value::Bool(true));
        }
        list.set("items", self.items(0));
        list.into_value()
    }

    /// The items of list `index`; nesting is bounded by `max_depth`, since `add` opens no
    /// deeper list.
    fn items(&self, index: usize) -> Value<'static> {
        let items = self.lists.get(index).map_or(&[][..], |list| &list.items);
        Value::Array(items.iter().map(|item| self.item(item)).collect())
    }

    fn item(&self, item: &Item) -> Value<'static> {
        let Some(nested) = item.list.filter(|&nested| self.lists.get(nested).is_some_and(|list| !list.items.is_empty())) else {
            return string(item.text.clone());
        };
        let mut object = ObjectBuilder::new();
        object.set("text", string(item.text.clone())).set("items", self.items(nested));
        if self.lists.get(nested).is_some_and(|list| list.ordered) {
            object.set("ordered", Value::Bool(true));
        }
        object.into_value()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use broadsheet::json::JsonStyle;

    /// The list made of `(text, ordered, level)` items, and its notes.
    fn list(entries: &[(&str, bool, usize)], max_depth: usize) -> (Vec<String>, Vec<String>) {
        let mut notes = Notes::default();
        let mut lists = Vec::new();
        let mut run: Option<ListRun> = None;
        for (i, &(text, ordered, level)) in entries.iter().enumerate() {
            let entry = Entry { text: text.to_owned(), ordered, level };
            match &mut run {
                Some(current) if current.continues(&entry) => current.add(entry, &Path::default().index(i), &mut notes),
                _ => {
                    lists.extend(run.take().map(ListRun::finish));
                    run = Some(ListRun::start(entry, max_depth));
                }
            }
        }
        lists.extend(run.map(ListRun::finish));
        (lists.iter().map(|l| l.to_json(JsonStyle::Script)).collect(), notes.list.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn levels_nest_under_the_item_before() {
        let (lists, notes) = list(&[("a", false, 1), ("a1", true, 2), ("a1x", false, 3), ("a2", true, 2), ("b", false, 1)], 8);
        assert_eq!(
            lists,
            [r#"{"type":"list","items":[{"text":"a","items":[{"text":"a1","items":["a1x"]},"a2"],"ordered":true},"b"]}"#]
        );
        assert!(notes.is_empty());
    }

    #[test]
    fn a_new_kind_at_the_top_starts_a_new_list_and_within_joins() {
        let (lists, notes) = list(&[("a", false, 1), ("1", true, 1), ("1a", false, 2), ("1b", true, 2)], 8);
        assert_eq!(
            lists,
            [r#"{"type":"list","items":["a"]}"#, r#"{"type":"list","ordered":true,"items":[{"text":"1","items":["1a","1b"]}]}"#]
        );
        assert_eq!(notes, ["[3]: a numbered item among bulleted ones at the same level joins their bulleted list"]);
    }

    #[test]
    fn a_jump_nests_one_level_and_a_later_middle_level_joins_it() {
        let (lists, notes) = list(&[("a", false, 1), ("deep", false, 3), ("mid", false, 2), ("b", false, 1)], 8);
        assert_eq!(lists, [r#"{"type":"list","items":[{"text":"a","items":["deep","mid"]},"b"]}"#]);
        assert_eq!(notes, ["[1]: the list jumps from level 1 to level 3; the item is nested one level under the item before it"]);
    }

    #[test]
    fn a_list_that_starts_deep_is_a_top_level_list() {
        let (lists, notes) = list(&[("x", false, 2), ("y", false, 1), ("y1", false, 2)], 8);
        assert_eq!(lists, [r#"{"type":"list","items":["x",{"text":"y","items":["y1"]}]}"#]);
        assert!(notes.is_empty());
    }

    #[test]
    fn levels_past_the_limit_stay_at_the_deepest() {
        let (lists, notes) = list(&[("1", false, 1), ("2", false, 2), ("3", false, 3), ("4", false, 4), ("2b", false, 2)], 2);
        assert_eq!(lists, [r#"{"type":"list","items":[{"text":"1","items":["2","3","4","2b"]}]}"#]);
        assert_eq!(
            notes,
            [
                "[2]: lists nest at most 2 levels (limits.max_list_depth); this level 3 item is written at level 2",
                "[3]: lists nest at most 2 levels (limits.max_list_depth); this level 4 item is written at level 2",
            ]
        );
    }
}
