// The features' pages and menus. Each feature declares its pages in
// web/src/views/<feature>/module.js, which exports default
// { routes: [...], menu: { key, title, icon, order, children: [{ path, title, perm }] } };
// router.js and the sidebar gather them here, so that adding a feature
// touches its own folder and not these shared files.
const modules = Object.values(import.meta.glob('./views/*/module.js', { eager: true })).map((m) => m.default || m)

export const featureRoutes = modules.flatMap((m) => m.routes || [])
export const featureMenus = modules.filter((m) => m.menu).map((m) => m.menu)
