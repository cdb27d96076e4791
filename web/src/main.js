// The web UI's entry: Vue with the router, Element Plus's message boxes,
// and the app's own styles. Element Plus components come in on demand
// (vite.config.js), so only what the pages use is loaded.
import { createApp } from 'vue'
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import 'element-plus/es/components/loading/style/css'
import 'element-plus/theme-chalk/el-overlay.css'
import './styles.css'
import App from './App.vue'
import router from './router'
import { locale, t } from './i18n'

document.documentElement.lang = locale.value === 'en' ? 'en' : 'zh-CN'
document.title = t('app.title')
createApp(App).use(router).mount('#app')
