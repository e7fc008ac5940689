"""Page objects for the browser tests: what a user can see and do on each page.

Locators use ids, classes and roles rather than visible text, because the text changes with the
interface language the tests switch between.
"""

from playwright.sync_api import Locator, Page


class _Layout:
    """Parts every page has, signed in or not."""

    path = "/"

    def __init__(self, page: Page) -> None:
        self.page = page
        self.html = page.locator("html")
        self.heading = page.get_by_role("heading", level=1)
        self.alert = page.get_by_role("alert")

    def open(self, path: str | None = None):
        self.page.goto(path or self.path)
        return self

    def reload(self):
        self.page.reload()
        return self

    def _switch_language(self, form: Locator, language: str) -> None:
        form.locator("select[name=language]").select_option(language)
        with self.page.expect_navigation():
            form.locator("button[type=submit]").click()


class LoginPage(_Layout):
    path = "/login/"

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.username = page.locator("#id_username")
        self.password = page.locator("#id_password")
        self.submit = page.locator("main form[action='/login/'] button[type=submit]")
        self.language_form = page.locator("main form.language-switcher")

    def sign_in(self, username: str, password: str) -> "ShellPage":
        """Submit the form; the caller checks where it landed (home, or here with an error)."""
        self.username.fill(username)
        self.password.fill(password)
        with self.page.expect_navigation():
            self.submit.click()
        return ShellPage(self.page)

    def switch_language(self, language: str) -> "LoginPage":
        self._switch_language(self.language_form, language)
        return self


class ShellPage(_Layout):
    """The signed-in layout: navigation, global search and the user menu, around any page."""

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.navigation = page.locator("header.topbar nav")
        self.search_box = page.locator("#global-search")
        self.suggestions = page.locator("#search-suggestions")
        self.user_menu = page.locator("details.user-menu")
        self.user_menu_toggle = self.user_menu.locator("summary")
        self.menu = self.user_menu.locator(".menu")

    def nav_link(self, label: str) -> Locator:
        return self.navigation.get_by_role("link", name=label, exact=True)

    def type_search(self, text: str) -> Locator:
        """Type into the global search like a person would, without pressing enter."""
        self.search_box.click()
        self.search_box.press_sequentially(text, delay=20)
        return self.suggestions

    def suggestion(self, label: str) -> Locator:
        return self.suggestions.get_by_role("link", name=label, exact=True)

    def open_user_menu(self) -> Locator:
        if self.user_menu.get_attribute("open") is None:
            self.user_menu_toggle.click()
        return self.menu

    def menu_item(self, label: str) -> Locator:
        """A link or button in the user menu (open it first)."""
        return self.menu.get_by_role("link", name=label, exact=True).or_(
            self.menu.get_by_role("button", name=label, exact=True)
        )

    def switch_language(self, language: str) -> "ShellPage":
        self.open_user_menu()
        self._switch_language(self.menu.locator("form.language-switcher"), language)
        return self

    def sign_out(self) -> LoginPage:
        self.open_user_menu()
        with self.page.expect_navigation():
            self.menu.locator("form[action='/logout/'] button[type=submit]").click()
        return LoginPage(self.page)

    def text_width(self, text: str) -> float:
        """Rendered width in CSS pixels of ``text`` set in the page's own font."""
        return self.page.evaluate(
            """(text) => {
                const probe = document.createElement("span");
                probe.textContent = text;
                document.body.appendChild(probe);
                const width = probe.getBoundingClientRect().width;
                probe.remove();
                return width;
            }""",
            text,
        )

    def glyphs_differ(self, first: str, second: str) -> dict:
        """Draw two characters in the page's font; a missing font draws the same empty box
        for both, a real font draws two different inked glyphs."""
        return self.page.evaluate(
            """([first, second]) => {
                const font = getComputedStyle(document.body).fontFamily;
                const draw = (text) => {
                    const canvas = document.createElement("canvas");
                    canvas.width = 120; canvas.height = 80;
                    const ctx = canvas.getContext("2d");
                    ctx.font = "48px " + font;
                    ctx.fillText(text, 10, 60);
                    return ctx.getImageData(0, 0, 120, 80).data;
                };
                const a = draw(first), b = draw(second);
                let inkFirst = 0, inkSecond = 0, differing = 0;
                for (let i = 3; i < a.length; i += 4) {
                    inkFirst += a[i] > 0; inkSecond += b[i] > 0; differing += a[i] !== b[i];
                }
                return {inkFirst, inkSecond, differing};
            }""",
            [first, second],
        )
