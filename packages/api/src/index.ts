/** @module @portcullis/api */
export {};
